package app.tasklens.adapter.dynamodb;

import static app.tasklens.adapter.dynamodb.Items.key;
import static app.tasklens.adapter.dynamodb.Items.s;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;

import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentStatus;
import app.tasklens.attachment.Attachments;
import app.tasklens.attachment.ConcurrentAttachmentChangeException;
import app.tasklens.attachment.ImagePage;
import app.tasklens.attachment.ImageQuery;
import app.tasklens.attachment.ImageType;
import app.tasklens.labeling.LabelDetection;
import app.tasklens.search.SearchWords;

/**
 * An attachment is the item {@code user#<owner>} / {@code task#<task>#attachment#<id>}, in its task's item
 * collection so that a task's images are one consistent Query. A small item {@code attachment#<id>} points to
 * it for the callers that know only the id (workers, the object-created function) and holds the image's
 * labeling jobs beside it. Every update requires the revision it was loaded at, as the SQL adapter's
 * {@code WHERE revision = ?} does. Objects to delete are items {@code deletion} / {@code <key>}.
 */
class DynamoDbAttachments implements Attachments {

	static final String DELETIONS = "deletion";

	private final DynamoDbWrites writes;
	private final String table;
	private final Clock clock;

	DynamoDbAttachments(DynamoDbWrites writes, String table, Clock clock) {
		this.writes = writes;
		this.table = table;
		this.clock = clock;
	}

	static Map<String, AttributeValue> attachmentKey(String ownerId, String taskId, String attachmentId) {
		return key("user#" + ownerId, "task#" + taskId + "#attachment#" + attachmentId);
	}

	static Map<String, AttributeValue> pointerKey(String attachmentId) {
		return key("attachment#" + attachmentId, "attachment");
	}

	@Override
	public void add(Attachment attachment) {
		Map<String, AttributeValue> pointer = new HashMap<>(pointerKey(attachment.id()));
		pointer.put("ownerId", s(attachment.ownerId()));
		pointer.put("taskId", s(attachment.taskId()));
		writes.apply(
				Write.put(Put.builder().tableName(table).item(item(attachment, attachment.revision()))
					.conditionExpression("attribute_not_exists(pk)").build(), keyOf(attachment),
						() -> new IllegalStateException("attachment " + attachment.id() + " exists")),
				Write.put(Put.builder().tableName(table).item(pointer).build(), pointerKey(attachment.id()), null));
	}

	@Override
	public void update(Attachment attachment) {
		writes.apply(Write.put(Put.builder().tableName(table).item(item(attachment, attachment.revision() + 1))
			.conditionExpression("revision = :revision")
			.expressionAttributeValues(Map.of(":revision", Items.n(attachment.revision())))
			.build(), keyOf(attachment), () -> new ConcurrentAttachmentChangeException(attachment.id())));
	}

	@Override
	public Optional<Attachment> find(String ownerId, String taskId, String attachmentId) {
		return get(attachmentKey(ownerId, taskId, attachmentId));
	}

	@Override
	public Optional<Attachment> findById(String attachmentId) {
		return pointer(attachmentId).flatMap(pointer -> get(
				attachmentKey(Items.string(pointer, "ownerId"), Items.string(pointer, "taskId"), attachmentId)));
	}

	/** The owner and task of an attachment, from its pointer item. */
	Optional<Map<String, AttributeValue>> pointer(String attachmentId) {
		Map<String, AttributeValue> item = writes.client()
			.getItem(request -> request.tableName(table).key(pointerKey(attachmentId)).consistentRead(true))
			.item();
		return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
	}

	private Optional<Attachment> get(Map<String, AttributeValue> key) {
		Map<String, AttributeValue> item = writes.client()
			.getItem(request -> request.tableName(table).key(key).consistentRead(true))
			.item();
		return item == null || item.isEmpty() ? Optional.empty() : Optional.of(attachment(item));
	}

	@Override
	public List<Attachment> listByTask(String ownerId, String taskId) {
		List<Attachment> found = new ArrayList<>();
		writes.client().queryPaginator(request -> request.tableName(table).consistentRead(true)
			.keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
			.expressionAttributeValues(Map.of(":pk", s("user#" + ownerId), ":prefix",
					s("task#" + taskId + "#attachment#"))))
			.items()
			.forEach(item -> found.add(attachment(item)));
		found.sort(Comparator.comparing(Attachment::createdAt).thenComparing(Attachment::id));
		return found;
	}

	/**
	 * Deletes the attachment, its pointer, labels, edits and jobs, and records its objects for deletion, in one
	 * group: atomic on its own, and inside the caller's transaction when there is one.
	 */
	@Override
	public void remove(Attachment attachment) {
		List<Write> group = new ArrayList<>();
		group.add(delete(keyOf(attachment)));
		writes.client().queryPaginator(request -> request.tableName(table).consistentRead(true)
			.keyConditionExpression("pk = :pk")
			.projectionExpression("pk, sk")
			.expressionAttributeValues(Map.of(":pk", s("attachment#" + attachment.id()))))
			.items()
			.forEach(item -> group.add(delete(key(Items.string(item, Items.PK), Items.string(item, Items.SK)))));
		group.add(delete(DynamoDbAttachmentLabels.labelsKey(attachment.taskId(), attachment.id())));
		group.add(delete(DynamoDbAttachmentLabels.editsKey(attachment.taskId(), attachment.id())));
		group.add(delete(DynamoDbAttachmentLabels.termsKey(attachment.ownerId(), attachment.taskId(), attachment.id())));
		for (String objectKey : attachment.objectKeys()) {
			group.add(deletionRecord(objectKey));
		}
		writes.apply(group);
	}

	@Override
	public void requestObjectDeletion(String objectKey) {
		writes.apply(deletionRecord(objectKey));
	}

	private Write deletionRecord(String objectKey) {
		Map<String, AttributeValue> record = new HashMap<>(key(DELETIONS, objectKey));
		record.put("requestedAt", Items.n(clock.millis()));
		return Write.put(Put.builder().tableName(table).item(record).build(), key(DELETIONS, objectKey), null);
	}

	private Write delete(Map<String, AttributeValue> key) {
		return Write.delete(Delete.builder().tableName(table).key(key).build(), null);
	}

	/** The user's item collection, attachments only (tasks have no image type), read page by page. */
	@Override
	public Usage usage(String ownerId) {
		long stored = 0;
		int pending = 0;
		var pages = writes.client().queryPaginator(request -> request.tableName(table).consistentRead(true)
			.keyConditionExpression("pk = :user AND begins_with(sk, :task)")
			.filterExpression("attribute_exists(imageType)")
			.projectionExpression("#status, #size")
			.expressionAttributeNames(Map.of("#status", "status", "#size", "size"))
			.expressionAttributeValues(Map.of(":user", s("user#" + ownerId), ":task", s("task#"))));
		for (var item : pages.items()) {
			String status = Items.string(item, "status");
			if (AttachmentStatus.PENDING_UPLOAD.name().equals(status)) {
				pending++;
			}
			else if (!AttachmentStatus.REJECTED.name().equals(status)) {
				Long size = Items.number(item, "size");
				stored += size == null ? 0 : size;
			}
		}
		return new Usage(stored, pending);
	}

	@Override
	public ImagePage images(String ownerId, ImageQuery query) {
		List<Attachment> found = matching(ownerId, query, query.limit() + 1L);
		if (found.size() <= query.limit()) {
			return new ImagePage(found, null);
		}
		List<Attachment> page = found.subList(0, query.limit());
		return new ImagePage(page, ImageQuery.Cursor.of(page.get(page.size() - 1)).encode());
	}

	@Override
	public int countImages(String ownerId, ImageQuery query) {
		return matching(ownerId, query, Long.MAX_VALUE).size();
	}

	/**
	 * At most {@code max} of the owner's images that match, in the query's direction. No index orders a user's images across tasks,
	 * and a local index cannot be added to an existing table, so they are read from the user's item collection
	 * (one Query, page by page, of the task and attachment items under {@code task#}; one more of the small
	 * {@code terms#} items for a label or search words) and ordered here, as the task list's due order is: one
	 * user's items are few enough. A page of 24 out of 1,000 images reads all 1,000 items.
	 */
	private List<Attachment> matching(String ownerId, ImageQuery query, long max) {
		Map<String, Map<String, AttributeValue>> tasks = new HashMap<>();
		List<Attachment> images = new ArrayList<>();
		userItems(ownerId, "task#").forEach(item -> {
			if (item.containsKey("imageType")) {
				Attachment attachment = attachment(item);
				if (attachment.hasImage() && query.wants(attachment)) {
					images.add(attachment);
				}
			}
			else {
				tasks.put(Items.string(item, "id"), item);
			}
		});
		String typed = query.text() == null ? null : query.text().toLowerCase(Locale.ROOT);
		List<SearchWords.QueryWord> words = typed == null ? List.of() : SearchWords.query(query.text());
		String term = query.label() == null ? null : LabelDetection.searchTerm(query.label());
		Map<String, Map<String, AttributeValue>> terms = new HashMap<>();
		if (term != null || !words.isEmpty()) {
			userItems(ownerId, "terms#").forEach(item -> terms.put(Items.string(item, "attachmentId"), item));
		}
		Comparator<Attachment> order = query.direction() == ImageQuery.Direction.NEWER
				? ImageQuery.NEWEST_FIRST.reversed() : ImageQuery.NEWEST_FIRST;
		return images.stream()
			.filter(image -> term == null || set(terms.get(image.id()), "terms").contains(term))
			.filter(image -> typed == null || tasks.containsKey(image.taskId()) && DynamoDbTasks
				.found(tasks.get(image.taskId()), typed, words, set(terms.get(image.id()), "words")))
			.sorted(order)
			.limit(max)
			.collect(ArrayList::new, ArrayList::add, ArrayList::addAll);
	}

	private Iterable<Map<String, AttributeValue>> userItems(String ownerId, String prefix) {
		return writes.client().queryPaginator(request -> request.tableName(table).consistentRead(true)
			.keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
			.expressionAttributeValues(Map.of(":pk", s("user#" + ownerId), ":prefix", s(prefix))))
			.items();
	}

	private static Set<String> set(Map<String, AttributeValue> item, String name) {
		return item == null || !item.containsKey(name) ? Set.of() : new HashSet<>(item.get(name).ss());
	}

	@Override
	public List<Attachment> unfinished(int limit) {
		return writes.client().query(request -> request.tableName(table).indexName(Items.BY_DUE)
			.keyConditionExpression("gpk = :unfinished")
			.expressionAttributeValues(Map.of(":unfinished", s("upload")))
			.limit(limit))
			.items()
			.stream()
			.map(DynamoDbAttachments::attachment)
			.filter(attachment -> attachment.status() == AttachmentStatus.PENDING_UPLOAD
					|| attachment.status() == AttachmentStatus.REJECTED)
			.toList();
	}

	@Override
	public List<String> objectsToDelete(int limit) {
		return writes.client().query(request -> request.tableName(table).consistentRead(true)
			.keyConditionExpression("pk = :pk")
			.expressionAttributeValues(Map.of(":pk", s(DELETIONS)))
			.limit(limit))
			.items()
			.stream()
			.map(item -> Items.string(item, Items.SK))
			.toList();
	}

	@Override
	public void objectDeleted(String objectKey) {
		writes.apply(delete(key(DELETIONS, objectKey)));
	}

	private static Map<String, AttributeValue> keyOf(Attachment attachment) {
		return attachmentKey(attachment.ownerId(), attachment.taskId(), attachment.id());
	}

	private static Map<String, AttributeValue> item(Attachment attachment, int revision) {
		Map<String, AttributeValue> item = new HashMap<>(keyOf(attachment));
		item.put("id", s(attachment.id()));
		item.put("ownerId", s(attachment.ownerId()));
		item.put("taskId", s(attachment.taskId()));
		item.put("filename", s(attachment.filename()));
		item.put("imageType", s(attachment.type().name()));
		item.put("status", s(attachment.status().name()));
		Items.putIfPresent(item, "size", attachment.size());
		Items.putIfPresent(item, "width", attachment.width());
		Items.putIfPresent(item, "height", attachment.height());
		item.put("version", Items.n(attachment.version()));
		Items.putIfPresent(item, "uploadExpiresAt", attachment.uploadExpiresAt());
		Items.putIfPresent(item, "error", attachment.error());
		item.put("createdAt", Items.n(attachment.createdAt().toEpochMilli()));
		item.put("updatedAt", Items.n(attachment.updatedAt().toEpochMilli()));
		item.put("revision", Items.n(revision));
		boolean unfinished = attachment.status() == AttachmentStatus.PENDING_UPLOAD
				|| attachment.status() == AttachmentStatus.REJECTED;
		if (unfinished && attachment.uploadExpiresAt() != null) {
			// Sparse index entry: only uploads still waiting, or rejected, are found by the sweep.
			item.put(Items.GPK, s("upload"));
			item.put(Items.GSK, s(Items.millis(attachment.uploadExpiresAt()) + "#" + attachment.id()));
		}
		return item;
	}

	private static Attachment attachment(Map<String, AttributeValue> item) {
		Long size = Items.number(item, "size");
		Long width = Items.number(item, "width");
		Long height = Items.number(item, "height");
		return Attachment.restore(Items.string(item, "id"), Items.string(item, "ownerId"), Items.string(item, "taskId"),
				Items.string(item, "filename"), ImageType.valueOf(Items.string(item, "imageType")),
				Items.instant(item, "createdAt"), AttachmentStatus.valueOf(Items.string(item, "status")), size,
				width == null ? null : width.intValue(), height == null ? null : height.intValue(),
				Items.number(item, "version").intValue(), Items.instant(item, "uploadExpiresAt"), Items.string(item, "error"), Items.instant(item, "updatedAt"),
				Items.number(item, "revision").intValue());
	}
}
