package db.migration;

import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import app.tasklens.adapter.jdbc.SearchRows;
import app.tasklens.labeling.ImageLabels;
import app.tasklens.labeling.LabelDetection;
import app.tasklens.task.Task;
import tools.jackson.databind.json.JsonMapper;

/**
 * Indexes the tasks and labeled images stored before search words existed (V80), with the same rows the
 * adapters write from then on: their title and notes, and their labels and text. Images had no edits yet.
 */
public class V81__Search_words_of_stored_tasks_and_images extends BaseJavaMigration {

	private record StoredTask(String id, String ownerId, String title, String body) {
	}

	private record StoredLabels(String attachmentId, String taskId, String ownerId, String detection) {
	}

	@Override
	public void migrate(Context context) {
		// Flyway's connection, inside its transaction: not closed here.
		JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(context.getConnection(), true));
		List<StoredTask> tasks = jdbc.sql("SELECT id, owner_id, title, body FROM tasks")
			.query((rs, row) -> new StoredTask(rs.getString("id"), rs.getString("owner_id"), rs.getString("title"),
					rs.getString("body")))
			.list();
		for (StoredTask task : tasks) {
			SearchRows.task(jdbc, Task.restore(task.id(), task.ownerId(), task.title(), task.body(), null, false,
					java.time.Instant.EPOCH, java.time.Instant.EPOCH));
		}
		JsonMapper json = JsonMapper.builder().build();
		List<StoredLabels> labels = jdbc.sql("""
				SELECT l.attachment_id, l.task_id, a.owner_id, l.detection
				FROM attachment_labels l JOIN attachments a ON a.id = l.attachment_id""")
			.query((rs, row) -> new StoredLabels(rs.getString("attachment_id"), rs.getString("task_id"),
					rs.getString("owner_id"), rs.getString("detection")))
			.list();
		for (StoredLabels stored : labels) {
			SearchRows.image(jdbc, stored.ownerId(), stored.taskId(), stored.attachmentId(),
					ImageLabels.detected(json.readValue(stored.detection(), LabelDetection.class)));
		}
	}
}
