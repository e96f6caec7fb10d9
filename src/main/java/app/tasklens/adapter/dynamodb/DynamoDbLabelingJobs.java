package app.tasklens.adapter.dynamodb;

import static app.tasklens.adapter.dynamodb.Items.key;
import static app.tasklens.adapter.dynamodb.Items.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

import app.tasklens.labeling.LabelingJob;
import app.tasklens.labeling.LabelingJobs;

/**
 * A labeling job is the item {@code attachment#<id>} / {@code job#<version>} (so it goes with its attachment)
 * and is indexed in {@code byDue} under {@code job} by the time it can next be claimed: when it becomes
 * available, or when its lease runs out. A claim reads the first due jobs from the index and takes one with a
 * conditional update that repeats the test (the index lags a little; the item does not), so two workers never
 * hold the same job, like the SQL adapter's {@code UPDATE … RETURNING}. A job nobody holds is taken first;
 * failing that, one whose lease ran out with an owner, which counts a crash of that owner.
 */
class DynamoDbLabelingJobs implements LabelingJobs {

	private static final int CANDIDATES = 10;
	private static final int MAX_ERROR = 4000;

	private final DynamoDbWrites writes;
	private final String table;

	DynamoDbLabelingJobs(DynamoDbWrites writes, String table) {
		this.writes = writes;
		this.table = table;
	}

	private static String jobId(String attachmentId, int version) {
		return attachmentId + "." + version;
	}

	private static Map<String, AttributeValue> jobKey(String jobId) {
		int dot = jobId.lastIndexOf('.');
		return key("attachment#" + jobId.substring(0, dot), "job#" + String.format("%010d", Integer.parseInt(jobId.substring(dot + 1))));
	}

	private static String due(Instant at, String jobId) {
		return Items.millis(at) + "#" + jobId;
	}

	/** Idempotent without a condition: a second request for the same version keeps the job as it is. */
	@Override
	public void enqueue(String attachmentId, int version, Instant now) {
		String id = jobId(attachmentId, version);
		writes.apply(Write.update(Update.builder().tableName(table).key(jobKey(id))
			.updateExpression("SET jobId = :id, attachmentId = :attachment, version = :version,"
					+ " attempts = if_not_exists(attempts, :zero), availableAt = if_not_exists(availableAt, :now),"
					+ " createdAt = if_not_exists(createdAt, :now), gpk = :job, gsk = if_not_exists(gsk, :due)")
			.expressionAttributeValues(Map.of(":id", s(id), ":attachment", s(attachmentId), ":version", Items.n(version),
					":zero", Items.n(0), ":now", Items.n(now.toEpochMilli()), ":job", s("job"), ":due", s(due(now, id))))
			.build(), null));
	}

	@Override
	public Optional<LabelingJob> claim(String worker, Instant now, Instant leaseUntil) {
		var candidates = writes.client().query(request -> request.tableName(table).indexName(Items.BY_DUE)
			.keyConditionExpression("gpk = :job AND gsk <= :now")
			.expressionAttributeValues(Map.of(":job", s("job"), ":now", s(Items.millis(now) + "#~")))
			.limit(CANDIDATES))
			.items();
		for (var candidate : candidates) {
			String id = Items.string(candidate, "jobId");
			// A job nobody holds, else one whose lease ran out while a worker held it: that worker died with it.
			Optional<LabelingJob> claimed = take(id, worker, now, leaseUntil, false)
				.or(() -> take(id, worker, now, leaseUntil, true));
			if (claimed.isPresent()) {
				return claimed;
			}
		}
		return Optional.empty();
	}

	/** The conditional update of a claim; empty when another worker took it or it is gone. */
	private Optional<LabelingJob> take(String id, String worker, Instant now, Instant leaseUntil, boolean takeOver) {
		String crash = takeOver ? ", crashes = if_not_exists(crashes, :zero) + :one" : "";
		String lease = takeOver ? "attribute_exists(leaseOwner) AND leaseUntil < :now" : "attribute_not_exists(leaseOwner)";
		try {
			Map<String, AttributeValue> claimed = writes.client().updateItem(request -> request.tableName(table)
				.key(jobKey(id))
				.updateExpression("SET leaseOwner = :worker, leaseUntil = :until, attempts = attempts + :one, gsk = :due"
						+ crash)
				.conditionExpression("attribute_exists(pk) AND availableAt <= :now AND " + lease)
				.expressionAttributeValues(values(worker, now, leaseUntil, id, takeOver))
				.returnValues(ReturnValue.ALL_NEW))
				.attributes();
			Number crashes = claimed.containsKey("crashes") ? Items.number(claimed, "crashes") : 0;
			return Optional.of(new LabelingJob(id, Items.string(claimed, "attachmentId"),
					Items.number(claimed, "version").intValue(), Items.number(claimed, "attempts").intValue(),
					crashes.intValue(), Items.string(claimed, "lastError")));
		}
		catch (ConditionalCheckFailedException ex) {
			return Optional.empty();
		}
	}

	private static Map<String, AttributeValue> values(String worker, Instant now, Instant leaseUntil, String id,
			boolean takeOver) {
		Map<String, AttributeValue> values = new HashMap<>(Map.of(":worker", s(worker), ":until",
				Items.n(leaseUntil.toEpochMilli()), ":one", Items.n(1), ":due", s(due(leaseUntil, id)), ":now",
				Items.n(now.toEpochMilli())));
		if (takeOver) {
			values.put(":zero", Items.n(0));
		}
		return values;
	}

	@Override
	public boolean renew(String jobId, String worker, Instant leaseUntil) {
		try {
			writes.client().updateItem(request -> request.tableName(table).key(jobKey(jobId))
				.updateExpression("SET leaseUntil = :until, gsk = :due")
				.conditionExpression("leaseOwner = :worker")
				.expressionAttributeValues(Map.of(":until", Items.n(leaseUntil.toEpochMilli()), ":due",
						s(due(leaseUntil, jobId)), ":worker", s(worker))));
			return true;
		}
		catch (ConditionalCheckFailedException ex) {
			return false;
		}
	}

	@Override
	public void complete(String jobId, String worker) {
		try {
			writes.client().deleteItem(request -> request.tableName(table).key(jobKey(jobId))
				.conditionExpression("leaseOwner = :worker")
				.expressionAttributeValues(Map.of(":worker", s(worker))));
		}
		catch (ConditionalCheckFailedException ex) {
			// Another worker holds it now.
		}
	}

	@Override
	public void retryLater(String jobId, String worker, Instant availableAt, String error) {
		Map<String, AttributeValue> values = new HashMap<>();
		values.put(":at", Items.n(availableAt.toEpochMilli()));
		values.put(":due", s(due(availableAt, jobId)));
		values.put(":worker", s(worker));
		String set = "SET availableAt = :at, gsk = :due";
		if (error != null) {
			set += ", lastError = :error";
			values.put(":error", s(error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…"));
		}
		String expression = set + " REMOVE leaseOwner, leaseUntil";
		try {
			writes.client().updateItem(request -> request.tableName(table).key(jobKey(jobId))
				.updateExpression(expression)
				.conditionExpression("leaseOwner = :worker")
				.expressionAttributeValues(values));
		}
		catch (ConditionalCheckFailedException ex) {
			// Another worker holds it now.
		}
	}

	@Override
	public void postpone(String jobId, String worker, Instant availableAt) {
		try {
			writes.client().updateItem(request -> request.tableName(table).key(jobKey(jobId))
				.updateExpression("SET availableAt = :at, gsk = :due, attempts = attempts - :one REMOVE leaseOwner, leaseUntil")
				.conditionExpression("leaseOwner = :worker")
				.expressionAttributeValues(Map.of(":at", Items.n(availableAt.toEpochMilli()), ":due",
						s(due(availableAt, jobId)), ":one", Items.n(1), ":worker", s(worker))));
		}
		catch (ConditionalCheckFailedException ex) {
			// Another worker holds it now.
		}
	}

	@Override
	public Optional<Instant> nextDue() {
		return writes.client().query(request -> request.tableName(table).indexName(Items.BY_DUE)
			.keyConditionExpression("gpk = :job")
			.expressionAttributeValues(Map.of(":job", s("job")))
			.limit(1))
			.items()
			.stream()
			.findFirst()
			.map(item -> Instant.ofEpochMilli(Long.parseLong(Items.string(item, Items.GSK).substring(0, 13))));
	}
}
