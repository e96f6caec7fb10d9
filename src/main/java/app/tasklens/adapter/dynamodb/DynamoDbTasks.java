package app.tasklens.adapter.dynamodb;

import static app.tasklens.adapter.dynamodb.Items.key;
import static app.tasklens.adapter.dynamodb.Items.s;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import app.tasklens.labeling.LabelDetection;
import app.tasklens.search.SearchWords;
import app.tasklens.task.Task;
import app.tasklens.task.TaskPage;
import app.tasklens.task.TaskQuery;
import app.tasklens.task.Tasks;

/**
 * A task is the item {@code user#<owner>} / {@code task#<id>}; its index key {@code task#<created>#<id>}
 * lists a user's tasks newest first from the local index, read consistently. A page is one Query when no
 * filter is set; {@code done} and text are filter expressions (lower-case copies of title and body make the
 * text match case-insensitive, like SQL's {@code LOWER … LIKE}), so a filtered page may take several Queries.
 * The label filter first reads the ids of the user's tasks with that label (one Query of the small
 * per-image term items, see {@link DynamoDbAttachmentLabels}). Search text matches in the title or notes as
 * typed, or by its words ({@link SearchWords}) among the task's own (the {@code words} set of its item) and
 * its images' (read from the same term items, one Query); that part is decided here, after the Query.
 *
 * <p>A cursor is the position of the page's last task, from which the next Query starts
 * ({@code ExclusiveStartKey}); its partition is always the signed-in user's, whatever the cursor says.
 */
class DynamoDbTasks implements Tasks {

	/** Items read per Query while a filter drops some: a page of 20 rarely takes more than one. */
	private static final int FILTERED_BATCH = 100;

	private final DynamoDbWrites writes;
	private final String table;
	private final DynamoDbAttachments attachments;
	private final DynamoDbAttachmentLabels labels;

	DynamoDbTasks(DynamoDbWrites writes, String table, DynamoDbAttachments attachments, DynamoDbAttachmentLabels labels) {
		this.writes = writes;
		this.table = table;
		this.attachments = attachments;
		this.labels = labels;
	}

	static Map<String, AttributeValue> taskKey(String ownerId, String taskId) {
		return key("user#" + ownerId, "task#" + taskId);
	}

	@Override
	public void add(Task task) {
		writes.apply(Write.put(Put.builder().tableName(table).item(item(task))
			.conditionExpression("attribute_not_exists(pk)").build(), taskKey(task.ownerId(), task.id()),
				() -> new IllegalStateException("task " + task.id() + " exists")));
	}

	/** Only an existing task of this owner is written: an update never brings a deleted task back. */
	@Override
	public void update(Task task) {
		writes.apply(Write.put(Put.builder().tableName(table).item(item(task))
			.conditionExpression("attribute_exists(pk)").build(), taskKey(task.ownerId(), task.id()), null));
	}

	@Override
	public Optional<Task> find(String ownerId, String taskId) {
		Map<String, AttributeValue> item = writes.client()
			.getItem(request -> request.tableName(table).key(taskKey(ownerId, taskId)).consistentRead(true))
			.item();
		return item == null || item.isEmpty() ? Optional.empty() : Optional.of(task(item));
	}

	@Override
	public TaskPage list(String ownerId, TaskQuery query) {
		Set<String> labeled = query.label() == null ? null
				: labels.taskIdsWithTerm(ownerId, LabelDetection.searchTerm(query.label()));
		if (labeled != null && labeled.isEmpty()) {
			return new TaskPage(List.of(), null);
		}
		Map<String, String> names = new HashMap<>();
		Map<String, AttributeValue> values = new HashMap<>();
		values.put(":pk", s("user#" + ownerId));
		values.put(":task", s("task#"));
		List<String> filters = new ArrayList<>();
		if (query.done() != null) {
			filters.add("done = :done");
			values.put(":done", Items.bool(query.done()));
		}
		Predicate<Map<String, AttributeValue>> matches = item -> true;
		if (query.text() != null) {
			matches = matching(ownerId, query.text());
		}
		boolean byDue = query.sort() == TaskQuery.Sort.DUE;
		boolean filtered = !filters.isEmpty() || labeled != null || query.text() != null || byDue;
		Map<String, AttributeValue> start = query.after() == null || byDue ? null : position(ownerId, query.after());
		List<Task> found = new ArrayList<>();
		do {
			QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(Items.BY_CREATED)
				.consistentRead(true)
				.keyConditionExpression("pk = :pk AND begins_with(lsk, :task)")
				.scanIndexForward(false)
				.limit(filtered ? FILTERED_BATCH : query.limit() + 1 - found.size())
				.expressionAttributeValues(values)
				.exclusiveStartKey(start);
			if (!filters.isEmpty()) {
				request.filterExpression(String.join(" AND ", filters));
			}
			if (!names.isEmpty()) {
				request.expressionAttributeNames(names);
			}
			QueryResponse response = writes.client().query(request.build());
			for (Map<String, AttributeValue> item : response.items()) {
				Task task = task(item);
				if ((labeled == null || labeled.contains(task.id())) && matches.test(item)) {
					found.add(task);
				}
				if (found.size() > query.limit() && !byDue) {
					break;
				}
			}
			start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
					? response.lastEvaluatedKey() : null;
		}
		while ((byDue || found.size() <= query.limit()) && start != null);
		if (byDue) {
			found = inDueOrder(found, query.after(), query.limit());
		}
		if (found.size() <= query.limit()) {
			return new TaskPage(found, null);
		}
		List<Task> page = found.subList(0, query.limit());
		return new TaskPage(page, TaskQuery.Cursor.of(page.get(page.size() - 1), query.sort()).encode());
	}

	/**
	 * The index orders by creation only, so the due order is made here from all of the user's matching tasks:
	 * one user's list is small (reading 1,000 task items is a few Queries of 1 MB), and a second local index
	 * cannot be added to an existing table.
	 *
	 * @return the tasks after {@code after} in due order, at most {@code limit + 1} (one more tells there is a next page)
	 */
	private static List<Task> inDueOrder(List<Task> found, TaskQuery.Cursor after, int limit) {
		return found.stream()
			.filter(task -> after == null || after.precedes(task))
			.sorted(TaskQuery.Sort.DUE.comparator())
			.limit(limit + 1L)
			.collect(ArrayList::new, ArrayList::add, ArrayList::addAll);
	}

	/** Task items that hold {@code text} in the title or notes, or whose words and images' words have its words. */
	private Predicate<Map<String, AttributeValue>> matching(String ownerId, String text) {
		String typed = text.toLowerCase(Locale.ROOT);
		List<SearchWords.QueryWord> words = SearchWords.query(text);
		Map<String, Set<String>> imageWords = words.isEmpty() ? Map.of() : labels.imageWordsByTask(ownerId);
		return item -> found(item, typed, words, imageWords.getOrDefault(Items.string(item, "id"), Set.of()));
	}

	/**
	 * Whether a task item holds {@code typed} (lower case) in its title or notes, or has each of {@code words}
	 * among its own words and {@code imageWords}: the task list's {@code q}, and the gallery's for one image.
	 */
	static boolean found(Map<String, AttributeValue> task, String typed, List<SearchWords.QueryWord> words,
			Set<String> imageWords) {
		if (Items.string(task, "titleLc").contains(typed) || Items.string(task, "bodyLc").contains(typed)) {
			return true;
		}
		if (words.isEmpty()) {
			return false;
		}
		Set<String> all = new HashSet<>(task.containsKey("words") ? task.get("words").ss() : List.of());
		all.addAll(imageWords);
		return SearchWords.allFound(words, all);
	}

	private static Map<String, AttributeValue> position(String ownerId, TaskQuery.Cursor cursor) {
		Map<String, AttributeValue> key = new HashMap<>(taskKey(ownerId, cursor.id()));
		key.put(Items.LSK, s("task#" + Items.millis(cursor.createdAt()) + "#" + cursor.id()));
		return key;
	}

	/**
	 * Deletes the task with whatever is left of its images (the use case removes them first; this is the
	 * cascade SQL's foreign keys give), in one transaction when it fits.
	 */
	@Override
	public boolean delete(String ownerId, String taskId) {
		if (find(ownerId, taskId).isEmpty()) {
			return false;
		}
		for (var attachment : attachments.listByTask(ownerId, taskId)) {
			attachments.remove(attachment);
		}
		writes.apply(Write.delete(Delete.builder().tableName(table).key(taskKey(ownerId, taskId)).build(), null));
		return true;
	}

	private static Map<String, AttributeValue> item(Task task) {
		Map<String, AttributeValue> item = new HashMap<>(taskKey(task.ownerId(), task.id()));
		item.put(Items.LSK, s("task#" + Items.millis(task.createdAt()) + "#" + task.id()));
		item.put("id", s(task.id()));
		item.put("ownerId", s(task.ownerId()));
		item.put("title", s(task.title()));
		item.put("body", s(task.body()));
		item.put("titleLc", s(task.title().toLowerCase(Locale.ROOT)));
		item.put("bodyLc", s(task.body().toLowerCase(Locale.ROOT)));
		Set<String> words = SearchWords.of(List.of(task.title(), task.body()));
		if (!words.isEmpty()) {
			item.put("words", Items.ss(words));
		}
		Items.putIfPresent(item, "dueDate", task.dueDate() == null ? null : task.dueDate().toString());
		item.put("done", Items.bool(task.done()));
		item.put("createdAt", Items.n(task.createdAt().toEpochMilli()));
		item.put("updatedAt", Items.n(task.updatedAt().toEpochMilli()));
		return item;
	}

	private static Task task(Map<String, AttributeValue> item) {
		String due = Items.string(item, "dueDate");
		return Task.restore(Items.string(item, "id"), Items.string(item, "ownerId"), Items.string(item, "title"),
				Items.string(item, "body"), due == null ? null : LocalDate.parse(due), item.get("done").bool(),
				Items.instant(item, "createdAt"), Items.instant(item, "updatedAt"));
	}
}
