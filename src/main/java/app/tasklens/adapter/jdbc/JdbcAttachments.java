package app.tasklens.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentStatus;
import app.tasklens.attachment.Attachments;
import app.tasklens.attachment.ConcurrentAttachmentChangeException;
import app.tasklens.attachment.ImageType;

@Repository
@JdbcStore
class JdbcAttachments implements Attachments {

	private final JdbcClient jdbc;
	private final Clock clock;

	JdbcAttachments(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void add(Attachment attachment) {
		jdbc.sql("""
				INSERT INTO attachments (id, owner_id, task_id, filename, image_type, status, size, width, height,
				    version, upload_expires_at, error, created_at, updated_at, revision)
				VALUES (:id, :owner, :task, :filename, :type, :status, :size, :width, :height,
				    :version, :expires, :error, :created, :updated, 0)""")
			.params(columns(attachment))
			.update();
	}

	@Override
	public void update(Attachment attachment) {
		int updated = jdbc.sql("""
				UPDATE attachments SET status = :status, size = :size, width = :width, height = :height,
				    version = :version, upload_expires_at = :expires, error = :error,
				    updated_at = :updated, revision = revision + 1
				WHERE id = :id AND revision = :revision""")
			.params(columns(attachment))
			.param("revision", attachment.revision())
			.update();
		if (updated == 0) {
			throw new ConcurrentAttachmentChangeException(attachment.id());
		}
	}

	@Override
	public Optional<Attachment> find(String ownerId, String taskId, String attachmentId) {
		return jdbc.sql("SELECT * FROM attachments WHERE id = ? AND owner_id = ? AND task_id = ?")
			.params(attachmentId, ownerId, taskId)
			.query(JdbcAttachments::attachment)
			.optional();
	}

	@Override
	public Optional<Attachment> findById(String attachmentId) {
		return jdbc.sql("SELECT * FROM attachments WHERE id = ?")
			.param(attachmentId)
			.query(JdbcAttachments::attachment)
			.optional();
	}

	@Override
	public List<Attachment> listByTask(String ownerId, String taskId) {
		return jdbc.sql("SELECT * FROM attachments WHERE task_id = ? AND owner_id = ? ORDER BY created_at, id")
			.params(taskId, ownerId)
			.query(JdbcAttachments::attachment)
			.list();
	}

	@Override
	public void remove(Attachment attachment) {
		attachment.objectKeys().forEach(this::requestObjectDeletion);
		jdbc.sql("DELETE FROM attachments WHERE id = ?").param(attachment.id()).update();
	}

	@Override
	public Usage usage(String ownerId) {
		return jdbc.sql("""
				SELECT COALESCE(SUM(CASE WHEN status NOT IN ('PENDING_UPLOAD', 'REJECTED') THEN size ELSE 0 END), 0)
				           AS stored,
				       COUNT(CASE WHEN status = 'PENDING_UPLOAD' THEN 1 END) AS pending
				FROM attachments WHERE owner_id = ?""")
			.param(ownerId)
			.query((rs, row) -> new Usage(rs.getLong("stored"), rs.getInt("pending")))
			.single();
	}

	@Override
	public List<Attachment> unfinished(int limit) {
		return jdbc.sql("""
				SELECT * FROM attachments WHERE status IN ('PENDING_UPLOAD', 'REJECTED')
				ORDER BY upload_expires_at, id LIMIT ?""")
			.param(limit)
			.query(JdbcAttachments::attachment)
			.list();
	}

	@Override
	public void requestObjectDeletion(String key) {
		jdbc.sql("""
				INSERT INTO object_deletions (object_key, requested_at) VALUES (?, ?)
				ON CONFLICT (object_key) DO NOTHING""")
			.params(key, clock.millis())
			.update();
	}

	@Override
	public List<String> objectsToDelete(int limit) {
		return jdbc.sql("SELECT object_key FROM object_deletions ORDER BY requested_at, object_key LIMIT ?")
			.param(limit)
			.query(String.class)
			.list();
	}

	@Override
	public void objectDeleted(String key) {
		jdbc.sql("DELETE FROM object_deletions WHERE object_key = ?").param(key).update();
	}

	private static Map<String, Object> columns(Attachment attachment) {
		Map<String, Object> columns = new LinkedHashMap<>();
		columns.put("id", attachment.id());
		columns.put("owner", attachment.ownerId());
		columns.put("task", attachment.taskId());
		columns.put("filename", attachment.filename());
		columns.put("type", attachment.type().name());
		columns.put("status", attachment.status().name());
		columns.put("size", attachment.size());
		columns.put("width", attachment.width());
		columns.put("height", attachment.height());
		columns.put("version", attachment.version());
		columns.put("expires", millis(attachment.uploadExpiresAt()));
		columns.put("error", attachment.error());
		columns.put("created", attachment.createdAt().toEpochMilli());
		columns.put("updated", attachment.updatedAt().toEpochMilli());
		return columns;
	}

	private static Long millis(Instant instant) {
		return instant == null ? null : instant.toEpochMilli();
	}

	private static Attachment attachment(ResultSet rs, int row) throws SQLException {
		return Attachment.restore(rs.getString("id"), rs.getString("owner_id"), rs.getString("task_id"),
				rs.getString("filename"), ImageType.valueOf(rs.getString("image_type")),
				Instant.ofEpochMilli(rs.getLong("created_at")), AttachmentStatus.valueOf(rs.getString("status")),
				rs.getObject("size") == null ? null : rs.getLong("size"),
				rs.getObject("width") == null ? null : rs.getInt("width"),
				rs.getObject("height") == null ? null : rs.getInt("height"), rs.getInt("version"),
				rs.getObject("upload_expires_at") == null ? null : Instant.ofEpochMilli(rs.getLong("upload_expires_at")),
				rs.getString("error"), Instant.ofEpochMilli(rs.getLong("updated_at")), rs.getInt("revision"));
	}
}
