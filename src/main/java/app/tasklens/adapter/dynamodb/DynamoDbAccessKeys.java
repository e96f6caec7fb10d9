package app.tasklens.adapter.dynamodb;

import static app.tasklens.adapter.dynamodb.Items.key;
import static app.tasklens.adapter.dynamodb.Items.s;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;

import app.tasklens.account.AccessKey;
import app.tasklens.account.AccessKeys;

/**
 * An access key is two items written in one transaction: {@code accesskey#<id>} (found by the id a signed
 * request names) and {@code user#<owner>} / {@code accesskey#<id>} (the owner's list, one Query).
 */
class DynamoDbAccessKeys implements AccessKeys {

	private final DynamoDbWrites writes;
	private final String table;

	DynamoDbAccessKeys(DynamoDbWrites writes, String table) {
		this.writes = writes;
		this.table = table;
	}

	@Override
	public void add(AccessKey key) {
		Map<String, AttributeValue> byId = byId(key.id());
		Map<String, AttributeValue> byOwner = byOwner(key.ownerId(), key.id());
		writes.apply(
				Write.put(Put.builder().tableName(table).item(item(key, byId))
					.conditionExpression("attribute_not_exists(pk)").build(), byId,
						() -> new IllegalStateException("access key " + key.id() + " exists")),
				Write.put(Put.builder().tableName(table).item(item(key, byOwner)).build(), byOwner, null));
	}

	@Override
	public Optional<AccessKey> findById(String id) {
		Map<String, AttributeValue> item = writes.client()
			.getItem(request -> request.tableName(table).key(byId(id)).consistentRead(true))
			.item();
		return item == null || item.isEmpty() ? Optional.empty() : Optional.of(accessKey(item));
	}

	@Override
	public List<AccessKey> listByOwner(String ownerId) {
		List<AccessKey> found = new ArrayList<>();
		writes.client().queryPaginator(request -> request.tableName(table).consistentRead(true)
			.keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
			.expressionAttributeValues(Map.of(":pk", s("user#" + ownerId), ":prefix", s("accesskey#"))))
			.items()
			.forEach(item -> found.add(accessKey(item)));
		found.sort(Comparator.comparing(AccessKey::createdAt).thenComparing(AccessKey::id));
		return found;
	}

	@Override
	public boolean remove(String ownerId, String id) {
		Optional<AccessKey> key = findById(id).filter(found -> found.ownerId().equals(ownerId));
		key.ifPresent(found -> writes.apply(
				Write.delete(Delete.builder().tableName(table).key(byId(id)).build(), null),
				Write.delete(Delete.builder().tableName(table).key(byOwner(ownerId, id)).build(), null)));
		return key.isPresent();
	}

	private static Map<String, AttributeValue> byId(String id) {
		return key("accesskey#" + id, "accesskey");
	}

	private static Map<String, AttributeValue> byOwner(String ownerId, String id) {
		return key("user#" + ownerId, "accesskey#" + id);
	}

	private static Map<String, AttributeValue> item(AccessKey key, Map<String, AttributeValue> itemKey) {
		Map<String, AttributeValue> item = new HashMap<>(itemKey);
		item.put("id", s(key.id()));
		item.put("ownerId", s(key.ownerId()));
		item.put("secretSealed", s(key.sealedSecret()));
		item.put("createdAt", Items.n(key.createdAt().toEpochMilli()));
		return item;
	}

	private static AccessKey accessKey(Map<String, AttributeValue> item) {
		return new AccessKey(Items.string(item, "id"), Items.string(item, "ownerId"), Items.string(item, "secretSealed"),
				Items.instant(item, "createdAt"));
	}
}
