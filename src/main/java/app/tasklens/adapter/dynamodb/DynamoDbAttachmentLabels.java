package app.tasklens.adapter.dynamodb;

import static app.tasklens.adapter.dynamodb.Items.key;
import static app.tasklens.adapter.dynamodb.Items.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;

import app.tasklens.attachment.Attachment;
import app.tasklens.labeling.AttachmentLabels;
import app.tasklens.labeling.LabelDetection;
import tools.jackson.databind.json.JsonMapper;

/**
 * An image's labels are two items: the whole detection as JSON in {@code task#<task>} / {@code labels#<id>}
 * (a task's labels are one Query), and its search terms as a string set in the owner's partition,
 * {@code user#<owner>} / {@code terms#<task>#<id>}, which the task list's label filter reads (small items:
 * a user's terms are one cheap Query). Both are replaced together, so saving twice leaves one label set.
 */
class DynamoDbAttachmentLabels implements AttachmentLabels {

	private final DynamoDbWrites writes;
	private final String table;
	private final DynamoDbAttachments attachments;
	private final JsonMapper json;

	DynamoDbAttachmentLabels(DynamoDbWrites writes, String table, DynamoDbAttachments attachments, JsonMapper json) {
		this.writes = writes;
		this.table = table;
		this.attachments = attachments;
		this.json = json;
	}

	static Map<String, AttributeValue> labelsKey(String taskId, String attachmentId) {
		return key("task#" + taskId, "labels#" + attachmentId);
	}

	static Map<String, AttributeValue> termsKey(String ownerId, String taskId, String attachmentId) {
		return key("user#" + ownerId, "terms#" + taskId + "#" + attachmentId);
	}

	@Override
	public void replace(Attachment attachment, LabelDetection detection, Instant labeledAt) {
		Map<String, AttributeValue> labels = new HashMap<>(labelsKey(attachment.taskId(), attachment.id()));
		labels.put("attachmentId", s(attachment.id()));
		labels.put("ownerId", s(attachment.ownerId()));
		labels.put("version", Items.n(attachment.version()));
		labels.put("modelVersion", s(detection.labelModelVersion()));
		labels.put("detection", s(json.writeValueAsString(detection)));
		labels.put("labeledAt", Items.n(labeledAt.toEpochMilli()));
		Map<String, AttributeValue> termsKey = termsKey(attachment.ownerId(), attachment.taskId(), attachment.id());
		Set<String> terms = detection.searchTerms();
		Write termsWrite;
		if (terms.isEmpty()) {
			// DynamoDB has no empty sets.
			termsWrite = Write.delete(Delete.builder().tableName(table).key(termsKey).build(), null);
		}
		else {
			Map<String, AttributeValue> item = new HashMap<>(termsKey);
			item.put("taskId", s(attachment.taskId()));
			item.put("terms", Items.ss(terms));
			termsWrite = Write.put(Put.builder().tableName(table).item(item).build(), termsKey, null);
		}
		writes.apply(Write.put(Put.builder().tableName(table).item(labels).build(),
				labelsKey(attachment.taskId(), attachment.id()), null), termsWrite);
	}

	@Override
	public void removeBefore(String attachmentId, int version) {
		if (version <= 1) {
			// Labels are saved for version 1 and later: before the first upload there is nothing to remove, and
			// that saves the two reads below on every upload.
			return;
		}
		attachments.pointer(attachmentId).ifPresent(pointer -> {
			String taskId = Items.string(pointer, "taskId");
			Map<String, AttributeValue> key = labelsKey(taskId, attachmentId);
			Map<String, AttributeValue> stored = writes.client()
				.getItem(request -> request.tableName(table).key(key).consistentRead(true).projectionExpression("version"))
				.item();
			if (stored == null || stored.isEmpty() || Items.number(stored, "version") >= version) {
				return;
			}
			writes.apply(
					Write.delete(Delete.builder().tableName(table).key(key).build(), null),
					Write.delete(Delete.builder().tableName(table)
						.key(termsKey(Items.string(pointer, "ownerId"), taskId, attachmentId)).build(), null));
		});
	}

	@Override
	public Optional<LabelDetection> find(String attachmentId) {
		return attachments.pointer(attachmentId).flatMap(pointer -> {
			Map<String, AttributeValue> item = writes.client()
				.getItem(request -> request.tableName(table)
					.key(labelsKey(Items.string(pointer, "taskId"), attachmentId)).consistentRead(true))
				.item();
			return item == null || item.isEmpty() ? Optional.empty() : Optional.of(detection(item));
		});
	}

	@Override
	public Map<String, LabelDetection> findByTask(String taskId) {
		Map<String, LabelDetection> byAttachment = new LinkedHashMap<>();
		writes.client().queryPaginator(request -> request.tableName(table).consistentRead(true)
			.keyConditionExpression("pk = :pk AND begins_with(sk, :labels)")
			.expressionAttributeValues(Map.of(":pk", s("task#" + taskId), ":labels", s("labels#"))))
			.items()
			.forEach(item -> byAttachment.put(Items.string(item, "attachmentId"), detection(item)));
		return byAttachment;
	}

	/** The user's tasks that have an image with {@code term} among its label names and parents. */
	Set<String> taskIdsWithTerm(String ownerId, String term) {
		Set<String> ids = new HashSet<>();
		writes.client().queryPaginator(request -> request.tableName(table).consistentRead(true)
			.keyConditionExpression("pk = :pk AND begins_with(sk, :terms)")
			.filterExpression("contains(terms, :term)")
			.projectionExpression("taskId")
			.expressionAttributeValues(Map.of(":pk", s("user#" + ownerId), ":terms", s("terms#"), ":term", s(term))))
			.items()
			.forEach(item -> ids.add(Items.string(item, "taskId")));
		return ids;
	}

	private LabelDetection detection(Map<String, AttributeValue> item) {
		return json.readValue(Items.string(item, "detection"), LabelDetection.class);
	}

}
