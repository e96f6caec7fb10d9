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
import app.tasklens.attachment.ImagePage;
import app.tasklens.attachment.ImageQuery;
import app.tasklens.attachment.ImageType;

@Repository
@JdbcStore
class JdbcAttachments implements Attachments {

	private final JdbcClient jdbc;
	private final Clock clock;
	private final SqlDialect dialect;

	JdbcAttachments(JdbcClient jdbc, Clock clock, SqlDialect dialect) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.dialect = dialect;
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
	public ImagePage images(String ownerId, ImageQuery query) {
		Map<String, Object> params = new LinkedHashMap<>();
		boolean newer = query.direction() == ImageQuery.Direction.NEWER;
		String order = newer ? "ASC" : "DESC";
		String sql = "SELECT a.* " + matching(ownerId, query, params) + " ORDER BY a.created_at " + order + ", a.id "
				+ order + " LIMIT :limit";
		params.put("limit", query.limit() + 1);
		List<Attachment> rows = jdbc.sql(sql).params(params).query(JdbcAttachments::attachment).list();
		if (rows.size() <= query.limit()) {
			return new ImagePage(rows, null);
		}
		List<Attachment> page = rows.subList(0, query.limit());
		return new ImagePage(page, ImageQuery.Cursor.of(page.get(page.size() - 1)).encode());
	}

	@Override
	public int countImages(String ownerId, ImageQuery query) {
		Map<String, Object> params = new LinkedHashMap<>();
		return jdbc.sql("SELECT COUNT(*) " + matching(ownerId, query, params)).params(params).query(Integer.class).single();
	}

	/**
	 * FROM and WHERE of the owner's images that match the query on its side of its position. The search joins
	 * the image's task for its title, notes and words (SearchRows.text); the label filter reads the image's own
	 * label terms; the position is a keyset on (created_at, id), the order of attachments_by_owner_newest.
	 */
	private String matching(String ownerId, ImageQuery query, Map<String, Object> params) {
		StringBuilder sql = new StringBuilder("""
				FROM attachments a JOIN tasks t ON t.id = a.task_id
				WHERE a.owner_id = :owner AND a.status NOT IN ('PENDING_UPLOAD', 'REJECTED')""");
		params.put("owner", ownerId);
		if (query.text() != null) {
			sql.append(" AND ").append(SearchRows.text(dialect, "t", "a.id", query.text(), params));
		}
		if (query.label() != null) {
			sql.append(LabelFilter.IMAGE_SQL);
			params.put("label", LabelFilter.term(query.label()));
		}
		if (query.from() != null) {
			String side = query.direction() == ImageQuery.Direction.NEWER ? ">" : "<";
			sql.append(" AND (a.created_at ").append(side).append(" :fromCreated OR (a.created_at = :fromCreated AND a.id ")
				.append(side).append(" :fromId))");
			params.put("fromCreated", query.from().createdAt().toEpochMilli());
			params.put("fromId", query.from().id());
		}
		return sql.toString();
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
