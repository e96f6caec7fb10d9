package app.tasklens.adapter.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tasklens.attachment.Attachment;
import app.tasklens.labeling.AttachmentLabels;
import app.tasklens.labeling.LabelDetection;
import tools.jackson.databind.json.JsonMapper;

/**
 * Labels as one JSON document per attachment (the whole detection, read back as it was saved) plus one
 * search-term row per lower-case label name and parent, for {@link LabelFilter}.
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
	public void replace(Attachment attachment, LabelDetection detection, Instant labeledAt) {
		remove(attachment.id());
		jdbc.sql("""
				INSERT INTO attachment_labels (attachment_id, task_id, version, model_version, detection, labeled_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(attachment.id(), attachment.taskId(), attachment.version(), detection.labelModelVersion(),
					json.writeValueAsString(detection), labeledAt.toEpochMilli())
			.update();
		Set<String> terms = terms(detection);
		if (terms.isEmpty()) {
			return;
		}
		// One multi-row statement: a labeling saves a few dozen terms, and a statement per term cost a parse
		// and a trip through JDBC each, on the labeling thread, inside the write transaction.
		List<Object> params = new ArrayList<>(terms.size() * 3);
		for (String term : terms) {
			params.add(attachment.taskId());
			params.add(attachment.id());
			params.add(term);
		}
		jdbc.sql("INSERT INTO attachment_label_terms (task_id, attachment_id, term) VALUES "
				+ String.join(", ", Collections.nCopies(terms.size(), "(?, ?, ?)")))
			.params(params)
			.update();
	}

	@Override
	public void removeBefore(String attachmentId, int version) {
		int removed = jdbc.sql("DELETE FROM attachment_labels WHERE attachment_id = ? AND version < ?")
			.params(attachmentId, version)
			.update();
		if (removed > 0) {
			jdbc.sql("DELETE FROM attachment_label_terms WHERE attachment_id = ?").param(attachmentId).update();
		}
	}

	private void remove(String attachmentId) {
		jdbc.sql("DELETE FROM attachment_label_terms WHERE attachment_id = ?").param(attachmentId).update();
		jdbc.sql("DELETE FROM attachment_labels WHERE attachment_id = ?").param(attachmentId).update();
	}

	@Override
	public Optional<LabelDetection> find(String attachmentId) {
		return jdbc.sql("SELECT detection FROM attachment_labels WHERE attachment_id = ?")
			.param(attachmentId)
			.query(String.class)
			.optional()
			.map(this::detection);
	}

	@Override
	public Map<String, LabelDetection> findByTask(String taskId) {
		Map<String, LabelDetection> byAttachment = new LinkedHashMap<>();
		jdbc.sql("SELECT attachment_id, detection FROM attachment_labels WHERE task_id = ?")
			.param(taskId)
			.query(rs -> {
				byAttachment.put(rs.getString("attachment_id"), detection(rs.getString("detection")));
			});
		return byAttachment;
	}

	private LabelDetection detection(String text) {
		return json.readValue(text, LabelDetection.class);
	}

	static Set<String> terms(LabelDetection detection) {
		return detection.searchTerms();
	}
}
