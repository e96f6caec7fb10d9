package app.tasklens.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tasklens.task.Task;
import app.tasklens.task.TaskPage;
import app.tasklens.task.TaskQuery;
import app.tasklens.task.Tasks;

@Repository
@JdbcStore
class JdbcTasks implements Tasks {

	private final JdbcClient jdbc;
	private final SqlDialect dialect;

	JdbcTasks(JdbcClient jdbc, SqlDialect dialect) {
		this.jdbc = jdbc;
		this.dialect = dialect;
	}

	@Override
	public void add(Task task) {
		jdbc.sql("""
				INSERT INTO tasks (id, owner_id, title, body, due_date, done, created_at, updated_at)
				VALUES (:id, :owner, :title, :body, :due, :done, :created, :updated)""")
			.params(columns(task))
			.update();
		SearchRows.task(jdbc, task);
	}

	@Override
	public void update(Task task) {
		int updated = jdbc.sql("""
				UPDATE tasks SET title = :title, body = :body, due_date = :due, done = :done, updated_at = :updated
				WHERE id = :id AND owner_id = :owner""")
			.params(columns(task))
			.update();
		if (updated > 0) {
			SearchRows.task(jdbc, task);
		}
	}

	@Override
	public Optional<Task> find(String ownerId, String taskId) {
		return jdbc.sql("SELECT * FROM tasks WHERE id = ? AND owner_id = ?")
			.params(taskId, ownerId)
			.query(JdbcTasks::task)
			.optional();
	}

	@Override
	public TaskPage list(String ownerId, TaskQuery query) {
		StringBuilder sql = new StringBuilder("SELECT * FROM tasks t WHERE t.owner_id = :owner");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("owner", ownerId);
		if (query.done() != null) {
			sql.append(" AND t.done = :done");
			params.put("done", query.done());
		}
		if (query.text() != null) {
			// See SearchRows.text: as typed in the title or notes, or by words, the images' included.
			sql.append(" AND ").append(SearchRows.text(dialect, "t", null, query.text(), params));
		}
		if (query.label() != null) {
			sql.append(LabelFilter.SQL);
			params.put("label", LabelFilter.term(query.label()));
		}
		TaskQuery.Cursor after = query.after();
		String newerThanCursor = "(t.created_at < :afterCreated OR (t.created_at = :afterCreated AND t.id < :afterId))";
		if (after != null) {
			params.put("afterCreated", after.createdAt().toEpochMilli());
			params.put("afterId", after.id());
		}
		if (query.sort() == TaskQuery.Sort.DUE) {
			// Due dates are ISO text, which sorts as dates; tasks without one come last (written out: SQLite and
			// PostgreSQL put NULLs at different ends by default).
			if (after != null && after.due() == null) {
				sql.append(" AND t.due_date IS NULL AND ").append(newerThanCursor);
			}
			else if (after != null) {
				sql.append(" AND (t.due_date > :afterDue OR t.due_date IS NULL OR (t.due_date = :afterDue AND ")
					.append(newerThanCursor)
					.append("))");
				params.put("afterDue", after.due().toString());
			}
			sql.append(" ORDER BY CASE WHEN t.due_date IS NULL THEN 1 ELSE 0 END, t.due_date,"
					+ " t.created_at DESC, t.id DESC LIMIT :limit");
		}
		else {
			if (after != null) {
				sql.append(" AND ").append(newerThanCursor);
			}
			sql.append(" ORDER BY t.created_at DESC, t.id DESC LIMIT :limit");
		}
		params.put("limit", query.limit() + 1);
		List<Task> rows = new ArrayList<>(jdbc.sql(sql.toString()).params(params).query(JdbcTasks::task).list());
		String next = null;
		if (rows.size() > query.limit()) {
			rows = rows.subList(0, query.limit());
			next = TaskQuery.Cursor.of(rows.get(rows.size() - 1), query.sort()).encode();
		}
		return new TaskPage(rows, next);
	}

	@Override
	public boolean delete(String ownerId, String taskId) {
		return jdbc.sql("DELETE FROM tasks WHERE id = ? AND owner_id = ?").params(taskId, ownerId).update() > 0;
	}

	private static Map<String, Object> columns(Task task) {
		Map<String, Object> columns = new LinkedHashMap<>();
		columns.put("id", task.id());
		columns.put("owner", task.ownerId());
		columns.put("title", task.title());
		columns.put("body", task.body());
		columns.put("due", task.dueDate() == null ? null : task.dueDate().toString());
		columns.put("done", task.done());
		columns.put("created", task.createdAt().toEpochMilli());
		columns.put("updated", task.updatedAt().toEpochMilli());
		return columns;
	}

	private static Task task(ResultSet rs, int row) throws SQLException {
		String due = rs.getString("due_date");
		return Task.restore(rs.getString("id"), rs.getString("owner_id"), rs.getString("title"), rs.getString("body"),
				due == null ? null : LocalDate.parse(due), rs.getBoolean("done"),
				Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
	}

	static String likeEscaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}
}
