package app.tasklens.adapter.dynamodb;

import static app.tasklens.adapter.dynamodb.Items.key;
import static app.tasklens.adapter.dynamodb.Items.s;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;

import app.tasklens.attachment.Attachment;
import app.tasklens.labeling.AttachmentLabels;
import app.tasklens.labeling.ImageLabels;
import app.tasklens.labeling.LabelCount;
import app.tasklens.labeling.LabelDetection;
import app.tasklens.labeling.LabelEdits;
import tools.jackson.databind.json.JsonMapper;

/**
 * An image's labels are three items: the whole detection as JSON in {@code task#<task>} / {@code labels#<id>}
 * and the user's edits as JSON in {@code task#<task>} / {@code edits#<id>} (a task's labels are two
 * Queries), and what finds it in the owner's partition, {@code user#<owner>} / {@code terms#<task>#<id>}:
 * the label filter's terms as a string set, the names as shown, and its search words ({@link ImageLabels}),
 * which the task list's filter, search and the suggestions read (small items: a user's are one cheap
 * Query). Saving labels or edits rewrites the terms item from both, in the same group of writes.
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

	static Map<String, AttributeValue> editsKey(String taskId, String attachmentId) {
		return key("task#" + taskId, "edits#" + attachmentId);
	}

	static Map<String, AttributeValue> termsKey(String ownerId, String taskId, String attachmentId) {
		return key("user#" + ownerId, "terms#" + taskId + "#" + attachmentId);
	}

	@Override
	public ImageLabels replace(Attachment attachment, LabelDetection detection, Instant labeledAt) {
		Map<String, AttributeValue> labels = new HashMap<>(labelsKey(attachment.taskId(), attachment.id()));
		labels.put("attachmentId", s(attachment.id()));
		labels.put("ownerId", s(attachment.ownerId()));
		labels.put("version", Items.n(attachment.version()));
		labels.put("modelVersion", s(detection.labelModelVersion()));
		labels.put("detection", s(json.writeValueAsString(detection)));
		labels.put("labeledAt", Items.n(labeledAt.toEpochMilli()));
		ImageLabels shown = ImageLabels.of(detection, edits(attachment.taskId(), attachment.id()).orElse(null));
		writes.apply(Write.put(Put.builder().tableName(table).item(labels).build(),
				labelsKey(attachment.taskId(), attachment.id()), null), termsWrite(attachment, shown));
		return shown;
	}

	@Override
	public void edit(Attachment attachment, LabelEdits edits, Instant editedAt) {
		Map<String, AttributeValue> key = editsKey(attachment.taskId(), attachment.id());
		Write editsWrite;
		if (edits.isEmpty()) {
			editsWrite = Write.delete(Delete.builder().tableName(table).key(key).build(), null);
		}
		else {
			Map<String, AttributeValue> item = new HashMap<>(key);
			item.put("attachmentId", s(attachment.id()));
			item.put("edits", s(json.writeValueAsString(edits)));
			item.put("editedAt", Items.n(editedAt.toEpochMilli()));
			editsWrite = Write.put(Put.builder().tableName(table).item(item).build(), key, null);
		}
		ImageLabels shown = ImageLabels.of(detection(attachment.taskId(), attachment.id()).orElse(null), edits);
		writes.apply(editsWrite, termsWrite(attachment, shown));
	}

	/** The terms item from the labels as shown; DynamoDB has no empty sets, so an image without any has none. */
	private Write termsWrite(Attachment attachment, ImageLabels shown) {
		Map<String, AttributeValue> termsKey = termsKey(attachment.ownerId(), attachment.taskId(), attachment.id());
		Map<String, String> terms = shown.filterTerms();
		Set<String> words = shown.searchWords();
		if (terms.isEmpty() && words.isEmpty()) {
			return Write.delete(Delete.builder().tableName(table).key(termsKey).build(), null);
		}
		Map<String, AttributeValue> item = new HashMap<>(termsKey);
		item.put("taskId", s(attachment.taskId()));
		item.put("attachmentId", s(attachment.id()));
		if (!terms.isEmpty()) {
			item.put("terms", Items.ss(terms.keySet()));
			item.put("labelNames", Items.ss(terms.values()));
		}
		if (!words.isEmpty()) {
			item.put("words", Items.ss(words));
		}
		return Write.put(Put.builder().tableName(table).item(item).build(), termsKey, null);
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
	public Optional<ImageLabels> find(String attachmentId) {
		return attachments.pointer(attachmentId).flatMap(pointer -> {
			String taskId = Items.string(pointer, "taskId");
			Optional<LabelDetection> detection = detection(taskId, attachmentId);
			Optional<LabelEdits> edits = edits(taskId, attachmentId);
			return detection.isEmpty() && edits.isEmpty() ? Optional.empty()
					: Optional.of(ImageLabels.of(detection.orElse(null), edits.orElse(null)));
		});
	}

	@Override
	public Map<String, ImageLabels> findByTask(String taskId) {
		Map<String, LabelDetection> detections = new LinkedHashMap<>();
		taskItems(taskId, "labels#").forEach(item -> detections.put(Items.string(item, "attachmentId"),
				json.readValue(Items.string(item, "detection"), LabelDetection.class)));
		Map<String, LabelEdits> edits = new HashMap<>();
		taskItems(taskId, "edits#").forEach(item -> edits.put(Items.string(item, "attachmentId"),
				json.readValue(Items.string(item, "edits"), LabelEdits.class)));
		return ImageLabels.byAttachment(detections, edits);
	}

	private Iterable<Map<String, AttributeValue>> taskItems(String taskId, String prefix) {
		return writes.client().queryPaginator(request -> request.tableName(table).consistentRead(true)
			.keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
			.expressionAttributeValues(Map.of(":pk", s("task#" + taskId), ":prefix", s(prefix))))
			.items();
	}

	@Override
	public List<LabelCount> suggest(String ownerId, String prefix, int limit) {
		String start = LabelDetection.searchTerm(prefix == null ? "" : prefix);
		Map<String, String> names = new HashMap<>();
		Map<String, Integer> images = new HashMap<>();
		Map<String, Set<String>> tasks = new HashMap<>();
		for (Map<String, AttributeValue> item : termItems(ownerId, "taskId, labelNames")) {
			if (!item.containsKey("labelNames")) {
				continue;
			}
			for (String name : item.get("labelNames").ss()) {
				String term = LabelDetection.searchTerm(name);
				if (term.startsWith(start)) {
					names.merge(term, name, (a, b) -> a.compareTo(b) <= 0 ? a : b);
					images.merge(term, 1, Integer::sum);
					tasks.computeIfAbsent(term, t -> new HashSet<>()).add(Items.string(item, "taskId"));
				}
			}
		}
		return names.keySet().stream()
			.sorted(Comparator.comparing((String term) -> -images.get(term)).thenComparing(Comparator.naturalOrder()))
			.limit(limit)
			.map(term -> new LabelCount(names.get(term), images.get(term), tasks.get(term).size()))
			.toList();
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

	/** The search words of each of the user's tasks' images, by task id. */
	Map<String, Set<String>> imageWordsByTask(String ownerId) {
		Map<String, Set<String>> byTask = new HashMap<>();
		for (Map<String, AttributeValue> item : termItems(ownerId, "taskId, words")) {
			if (item.containsKey("words")) {
				byTask.computeIfAbsent(Items.string(item, "taskId"), id -> new HashSet<>()).addAll(item.get("words").ss());
			}
		}
		return byTask;
	}

	private Iterable<Map<String, AttributeValue>> termItems(String ownerId, String projection) {
		return writes.client().queryPaginator(request -> request.tableName(table).consistentRead(true)
			.keyConditionExpression("pk = :pk AND begins_with(sk, :terms)")
			.projectionExpression(projection)
			.expressionAttributeValues(Map.of(":pk", s("user#" + ownerId), ":terms", s("terms#"))))
			.items();
	}

	private Optional<LabelDetection> detection(String taskId, String attachmentId) {
		return item(labelsKey(taskId, attachmentId))
			.map(item -> json.readValue(Items.string(item, "detection"), LabelDetection.class));
	}

	private Optional<LabelEdits> edits(String taskId, String attachmentId) {
		return item(editsKey(taskId, attachmentId))
			.map(item -> json.readValue(Items.string(item, "edits"), LabelEdits.class));
	}

	private Optional<Map<String, AttributeValue>> item(Map<String, AttributeValue> key) {
		Map<String, AttributeValue> item = writes.client()
			.getItem(request -> request.tableName(table).key(key).consistentRead(true))
			.item();
		return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
	}
}
