package app.tasklens.adapter.dynamodb;

import static app.tasklens.adapter.dynamodb.Items.key;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import app.tasklens.account.SignInAttempts;

/**
 * Failed sign-ins as items {@code signin#<key>} ({@code tasklens.account.sign-in-attempts=dynamodb}), shared by
 * every function instance. A failure is one conditional update: "one more, if the last one is recent", or
 * else "the first again, if there is none or it is forgotten"; when two instances race, the loser's
 * condition fails and it tries the other form, so both failures count. DynamoDB's time to live removes a
 * key once it is forgotten.
 */
class DynamoDbSignInAttempts implements SignInAttempts {

	private final DynamoDbWrites writes;
	private final String table;

	DynamoDbSignInAttempts(DynamoDbWrites writes, String table) {
		this.writes = writes;
		this.table = table;
	}

	private static Map<String, AttributeValue> keyOf(String key) {
		return key("signin#" + key, "signin");
	}

	@Override
	public Failures failed(String key, Instant now, Duration forgetAfter) {
		Map<String, AttributeValue> values = Map.of(":now", Items.n(now.toEpochMilli()), ":cutoff",
				Items.n(now.minus(forgetAfter).toEpochMilli()), ":one", Items.n(1),
				":ttl", Items.n(now.plus(forgetAfter).getEpochSecond() + 1));
		while (true) {
			try {
				return failures(writes.client().updateItem(request -> request.tableName(table).key(keyOf(key))
					.updateExpression("SET failures = failures + :one, lastFailure = :now, #ttl = :ttl")
					.conditionExpression("lastFailure > :cutoff")
					.expressionAttributeNames(Map.of("#ttl", "ttl"))
					.expressionAttributeValues(values)
					.returnValues(ReturnValue.ALL_NEW)).attributes());
			}
			catch (ConditionalCheckFailedException none) {
				try {
					return failures(writes.client().updateItem(request -> request.tableName(table).key(keyOf(key))
						.updateExpression("SET failures = :one, lastFailure = :now, #ttl = :ttl")
						.conditionExpression("attribute_not_exists(pk) OR lastFailure <= :cutoff")
						.expressionAttributeNames(Map.of("#ttl", "ttl"))
						.expressionAttributeValues(values)
						.returnValues(ReturnValue.ALL_NEW)).attributes());
				}
				catch (ConditionalCheckFailedException counted) {
					// Another instance counted the first failure meanwhile: count this one on top.
				}
			}
		}
	}

	@Override
	public Optional<Failures> failures(String key, Instant now, Duration forgetAfter) {
		Map<String, AttributeValue> item = writes.client()
			.getItem(request -> request.tableName(table).key(keyOf(key)).consistentRead(true))
			.item();
		if (item == null || item.isEmpty()) {
			return Optional.empty();
		}
		Failures failures = failures(item);
		return failures.last().isAfter(now.minus(forgetAfter)) ? Optional.of(failures) : Optional.empty();
	}

	@Override
	public void clear(String key) {
		writes.client().deleteItem(request -> request.tableName(table).key(keyOf(key)));
	}

	private static Failures failures(Map<String, AttributeValue> item) {
		return new Failures(Items.number(item, "failures"), Items.instant(item, "lastFailure"));
	}

}
