package app.tasklens.adapter.dynamodb;

import static app.tasklens.adapter.dynamodb.Items.s;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.tasklens.admin.AdminReports;
import app.tasklens.attachment.AttachmentStatus;

/**
 * The admin page's figures from the one table. The table keeps each user's data in its own item collection
 * and no index across accounts, so the users, their storage and the failures are a Scan of the table (an
 * admin's occasional read: it costs one read unit per 4 KB of the table, each time the page is opened); the
 * queue is the {@code byDue} index's labeling jobs, as the workers read them. Counts follow the SQL adapter:
 * images and bytes are stored images only, as the storage quota counts them.
 */
class DynamoDbAdminReports implements AdminReports {

	private final DynamoDbWrites writes;
	private final String table;

	DynamoDbAdminReports(DynamoDbWrites writes, String table) {
		this.writes = writes;
		this.table = table;
	}

	@Override
	public List<UserUsage> users() {
		Map<String, Map<String, AttributeValue>> accounts = new LinkedHashMap<>();
		Map<String, long[]> counts = new HashMap<>();
		// Items of an account's collection: the account ("user"), its tasks (a title) and images (an image type).
		scan("#sk = :user OR (begins_with(#sk, :task) AND (attribute_exists(title) OR attribute_exists(imageType)))",
				Map.of(":user", s("user"), ":task", s("task#")))
			.forEach(item -> {
				String sk = Items.string(item, Items.SK);
				String ownerId = Items.string(item, Items.PK).substring("user#".length());
				long[] count = counts.computeIfAbsent(ownerId, id -> new long[3]);
				if ("user".equals(sk)) {
					accounts.put(ownerId, item);
				}
				else if (item.containsKey("title")) {
					count[0]++;
				}
				else if (stored(Items.string(item, "status"))) {
					Long size = Items.number(item, "size");
					count[1]++;
					count[2] += size == null ? 0 : size;
				}
			});
		return accounts.entrySet().stream().map(entry -> {
			Map<String, AttributeValue> item = entry.getValue();
			long[] count = counts.get(entry.getKey());
			return new UserUsage(entry.getKey(), Items.string(item, "username"), Items.instant(item, "createdAt"),
					flag(item, "admin"), flag(item, "disabled"), count[0], count[1], count[2]);
		})
			.sorted(Comparator.comparing(UserUsage::createdAt).thenComparing(UserUsage::id))
			.toList();
	}

	@Override
	public LabelingQueue queue(Instant now) {
		long jobs = 0;
		long running = 0;
		var pages = writes.client().queryPaginator(request -> request.tableName(table).indexName(Items.BY_DUE)
			.keyConditionExpression("gpk = :job")
			.projectionExpression("leaseUntil")
			.expressionAttributeValues(Map.of(":job", s("job"))));
		for (var item : pages.items()) {
			jobs++;
			Instant leaseUntil = Items.instant(item, "leaseUntil");
			if (leaseUntil != null && leaseUntil.isAfter(now)) {
				running++;
			}
		}
		long paused = scan("attribute_exists(imageType) AND #status = :paused",
				Map.of(":paused", s(AttachmentStatus.PENDING_MODEL.name()))).count();
		return new LabelingQueue(jobs, running, paused);
	}

	@Override
	public List<LabelingFailure> recentFailures(int limit) {
		List<Map<String, AttributeValue>> failed = scan("attribute_exists(imageType) AND #status = :failed",
				Map.of(":failed", s(AttachmentStatus.FAILED.name())))
			.sorted(Comparator.comparing((Map<String, AttributeValue> item) -> Items.instant(item, "updatedAt"))
				.reversed()
				.thenComparing(item -> Items.string(item, "id")))
			.limit(limit)
			.toList();
		DynamoDbUsers users = new DynamoDbUsers(writes, table);
		Map<String, String> usernames = new HashMap<>();
		return failed.stream().map(item -> {
			String ownerId = Items.string(item, "ownerId");
			String username = usernames.computeIfAbsent(ownerId,
					id -> users.findById(id).map(user -> user.username()).orElse(""));
			return new LabelingFailure(Items.string(item, "id"), Items.string(item, "taskId"), username,
					Items.string(item, "filename"), Items.string(item, "error"), Items.instant(item, "updatedAt"));
		}).toList();
	}

	/** Every item of the table that passes {@code filter}, page by page ({@code #sk}, {@code #status} named). */
	private Stream<Map<String, AttributeValue>> scan(String filter, Map<String, AttributeValue> values) {
		Map<String, String> names = new HashMap<>();
		if (filter.contains("#sk")) {
			names.put("#sk", Items.SK);
		}
		if (filter.contains("#status")) {
			names.put("#status", "status");
		}
		return writes.client()
			.scanPaginator(request -> request.tableName(table).consistentRead(true).filterExpression(filter)
				.expressionAttributeNames(names).expressionAttributeValues(values))
			.items()
			.stream();
	}

	private static boolean stored(String status) {
		return !AttachmentStatus.PENDING_UPLOAD.name().equals(status) && !AttachmentStatus.REJECTED.name().equals(status);
	}

	private static boolean flag(Map<String, AttributeValue> item, String name) {
		return item.containsKey(name) && Boolean.TRUE.equals(item.get(name).bool());
	}
}
