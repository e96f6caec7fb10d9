package app.tasklens.adapter.jdbc;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tasklens.attachment.Attachment;
import app.tasklens.labeling.AttachmentLabels;
import app.tasklens.labeling.ImageLabels;
import app.tasklens.labeling.LabelCount;
import app.tasklens.labeling.LabelDetection;
import app.tasklens.labeling.LabelEdits;
import tools.jackson.databind.json.JsonMapper;

/**
 * Labels as one JSON document per attachment (the whole detection, read back as it was saved), the user's
 * edits as another, and from both the rows that find the image ({@link SearchRows}): one label term per
 * lower-case name and parent of the labels as shown, for {@link LabelFilter} and the suggestions, and its
 * search words.
 */
@Repository
@JdbcStore
class JdbcAttachmentLabels implements AttachmentLabels {

	private final JdbcClient jdbc;
	private final JsonMapper json;

	JdbcAttachmentLabels(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public ImageLabels replace(Attachment attachment, LabelDetection detection, Instant labeledAt) {
		// One statement: on PostgreSQL, where two transactions may store labels of one image at once (a lease
		// taken over), the second waits for the first's row instead of failing on the key.
		jdbc.sql("""
				INSERT INTO attachment_labels (attachment_id, task_id, version, model_version, detection, labeled_at)
				VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (attachment_id) DO UPDATE SET task_id = excluded.task_id, version = excluded.version,
				    model_version = excluded.model_version, detection = excluded.detection,
				    labeled_at = excluded.labeled_at""")
			.params(attachment.id(), attachment.taskId(), attachment.version(), detection.labelModelVersion(),
					json.writeValueAsString(detection), labeledAt.toEpochMilli())
			.update();
		ImageLabels shown = ImageLabels.of(detection, edits(attachment.id()).orElse(null));
		SearchRows.image(jdbc, attachment.ownerId(), attachment.taskId(), attachment.id(), shown);
		return shown;
	}

	@Override
	public void removeBefore(String attachmentId, int version) {
		int removed = jdbc.sql("DELETE FROM attachment_labels WHERE attachment_id = ? AND version < ?")
			.params(attachmentId, version)
			.update();
		if (removed > 0) {
			SearchRows.forgetImage(jdbc, attachmentId);
		}
	}

	@Override
	public void edit(Attachment attachment, LabelEdits edits, Instant editedAt) {
		if (edits.isEmpty()) {
			jdbc.sql("DELETE FROM attachment_label_edits WHERE attachment_id = ?").param(attachment.id()).update();
		}
		else {
			jdbc.sql("""
					INSERT INTO attachment_label_edits (attachment_id, task_id, edits, edited_at) VALUES (?, ?, ?, ?)
					ON CONFLICT (attachment_id) DO UPDATE SET edits = excluded.edits, edited_at = excluded.edited_at""")
				.params(attachment.id(), attachment.taskId(), json.writeValueAsString(edits), editedAt.toEpochMilli())
				.update();
		}
		ImageLabels shown = ImageLabels.of(detection(attachment.id()).orElse(null), edits);
		SearchRows.image(jdbc, attachment.ownerId(), attachment.taskId(), attachment.id(), shown);
	}

	@Override
	public Optional<ImageLabels> find(String attachmentId) {
		Optional<LabelDetection> detection = detection(attachmentId);
		Optional<LabelEdits> edits = edits(attachmentId);
		if (detection.isEmpty() && edits.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(ImageLabels.of(detection.orElse(null), edits.orElse(null)));
	}

	@Override
	public Map<String, ImageLabels> findByTask(String taskId) {
		Map<String, LabelDetection> detections = new LinkedHashMap<>();
		jdbc.sql("SELECT attachment_id, detection FROM attachment_labels WHERE task_id = ?")
			.param(taskId)
			.query(rs -> {
				detections.put(rs.getString("attachment_id"), json.readValue(rs.getString("detection"), LabelDetection.class));
			});
		Map<String, LabelEdits> edits = new HashMap<>();
		jdbc.sql("SELECT attachment_id, edits FROM attachment_label_edits WHERE task_id = ?")
			.param(taskId)
			.query(rs -> {
				edits.put(rs.getString("attachment_id"), json.readValue(rs.getString("edits"), LabelEdits.class));
			});
		return ImageLabels.byAttachment(detections, edits);
	}

	@Override
	public List<LabelCount> suggest(String ownerId, String prefix, int limit) {
		String term = LabelDetection.searchTerm(prefix == null ? "" : prefix).toLowerCase(Locale.ROOT);
		return jdbc.sql("""
				SELECT MIN(name) AS name, COUNT(DISTINCT attachment_id) AS images, COUNT(DISTINCT task_id) AS tasks
				FROM attachment_label_terms WHERE owner_id = ? AND term LIKE ? ESCAPE '\\'
				GROUP BY term ORDER BY images DESC, term LIMIT ?""")
			.params(ownerId, JdbcTasks.likeEscaped(term) + "%", limit)
			.query((rs, row) -> new LabelCount(rs.getString("name"), rs.getInt("images"), rs.getInt("tasks")))
			.list();
	}

	private Optional<LabelDetection> detection(String attachmentId) {
		return jdbc.sql("SELECT detection FROM attachment_labels WHERE attachment_id = ?")
			.param(attachmentId)
			.query(String.class)
			.optional()
			.map(text -> json.readValue(text, LabelDetection.class));
	}

	private Optional<LabelEdits> edits(String attachmentId) {
		return jdbc.sql("SELECT edits FROM attachment_label_edits WHERE attachment_id = ?")
			.param(attachmentId)
			.query(String.class)
			.optional()
			.map(text -> json.readValue(text, LabelEdits.class));
	}
}
