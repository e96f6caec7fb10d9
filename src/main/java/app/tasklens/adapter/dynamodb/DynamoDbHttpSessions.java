package app.tasklens.adapter.dynamodb;

import static app.tasklens.adapter.dynamodb.Items.key;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.tasklens.HttpSessionStore;

/**
 * The web UI's sessions as items {@code session#<id>} of the table, removed by DynamoDB's time to live once they
 * expired (until it runs, an expired item is read as none).
 */
final class DynamoDbHttpSessions implements HttpSessionStore {

	private final DynamoDbWrites writes;
	private final String table;

	DynamoDbHttpSessions(DynamoDbWrites writes, String table) {
		this.writes = writes;
		this.table = table;
	}

	@Override
	public Optional<Stored> load(String id, long nowMillis) {
		Map<String, AttributeValue> item = writes.client()
			.getItem(request -> request.tableName(table).key(key("session#" + id, "session")).consistentRead(true))
			.item();
		if (item == null || item.isEmpty() || Items.number(item, "ttl") * 1000 < nowMillis) {
			return Optional.empty();
		}
		return Optional.of(new Stored(Items.number(item, "createdAt"), Items.number(item, "renewedAt"),
				item.get("data").b().asByteArray()));
	}

	@Override
	public void save(String id, Stored session, long expiresAtMillis) {
		Map<String, AttributeValue> item = new HashMap<>(key("session#" + id, "session"));
		item.put("createdAt", Items.n(session.createdAt()));
		item.put("renewedAt", Items.n(session.renewedAt()));
		// DynamoDB's time to live reads epoch seconds.
		item.put("ttl", Items.n(expiresAtMillis / 1000));
		item.put("data", AttributeValue.fromB(SdkBytes.fromByteArray(session.attributes())));
		writes.client().putItem(request -> request.tableName(table).item(item));
	}

	@Override
	public void delete(String id) {
		writes.client().deleteItem(request -> request.tableName(table).key(key("session#" + id, "session")));
	}
}
