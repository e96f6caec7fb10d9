package app.tasklens.adapter.jdbc;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tasklens.admin.AdminReports;

/** The admin page's figures by plain SQL over all accounts; an admin's occasional read, so no extra index. */
@Repository
@JdbcStore
class JdbcAdminReports implements AdminReports {

	/** Images that hold bytes: the same rule as the storage quota's usage. */
	private static final String STORED = "a.status NOT IN ('PENDING_UPLOAD', 'REJECTED')";

	private final JdbcClient jdbc;

	JdbcAdminReports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<UserUsage> users() {
		return jdbc.sql("""
				SELECT u.id, u.username, u.created_at, u.admin,
				       (SELECT COUNT(*) FROM tasks t WHERE t.owner_id = u.id) AS tasks,
				       (SELECT COUNT(*) FROM attachments a WHERE a.owner_id = u.id AND %1$s) AS images,
				       (SELECT COALESCE(SUM(a.size), 0) FROM attachments a WHERE a.owner_id = u.id AND %1$s) AS stored
				FROM users u ORDER BY u.created_at, u.id""".formatted(STORED))
			.query((rs, row) -> new UserUsage(rs.getString("id"), rs.getString("username"),
					Instant.ofEpochMilli(rs.getLong("created_at")), rs.getBoolean("admin"), rs.getLong("tasks"),
					rs.getLong("images"), rs.getLong("stored")))
			.list();
	}

	@Override
	public LabelingQueue queue(Instant now) {
		return jdbc.sql("""
				SELECT (SELECT COUNT(*) FROM labeling_jobs) AS jobs,
				       (SELECT COUNT(*) FROM labeling_jobs WHERE lease_until > ?) AS running,
				       (SELECT COUNT(*) FROM attachments WHERE status = 'PENDING_MODEL') AS paused""")
			.param(now.toEpochMilli())
			.query((rs, row) -> new LabelingQueue(rs.getLong("jobs"), rs.getLong("running"), rs.getLong("paused")))
			.single();
	}

	@Override
	public List<LabelingFailure> recentFailures(int limit) {
		return jdbc.sql("""
				SELECT a.id, a.task_id, u.username, a.filename, a.error, a.updated_at
				FROM attachments a JOIN users u ON u.id = a.owner_id
				WHERE a.status = 'FAILED' ORDER BY a.updated_at DESC, a.id LIMIT ?""")
			.param(limit)
			.query((rs, row) -> new LabelingFailure(rs.getString("id"), rs.getString("task_id"),
					rs.getString("username"), rs.getString("filename"), rs.getString("error"),
					Instant.ofEpochMilli(rs.getLong("updated_at"))))
			.list();
	}
}
