package app.tasklens.adapter.dynamodb;

import static app.tasklens.adapter.dynamodb.Items.key;
import static app.tasklens.adapter.dynamodb.Items.s;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;

import app.tasklens.account.User;
import app.tasklens.account.UsernameTakenException;
import app.tasklens.account.Users;

/**
 * A user is two items written in one transaction: {@code user#<id>} and {@code username#<lower-case name>},
 * whose condition "does not exist yet" makes usernames unique regardless of case, as SQL's unique index does.
 * Both hold the whole account, so that signing in reads one item.
 */
class DynamoDbUsers implements Users {

	private final DynamoDbWrites writes;
	private final String table;

	DynamoDbUsers(DynamoDbWrites writes, String table) {
		this.writes = writes;
		this.table = table;
	}

	@Override
	public void add(User user) {
		writes.apply(accountWrites(user, Write.put(Put.builder().tableName(table).item(ANY_USER).build(), ANY_USER, null)));
	}

	/** The same transaction, with "no account yet" as the condition of {@code users#any}, which every account writes. */
	@Override
	public boolean addFirst(User user) {
		try {
			writes.apply(accountWrites(user, Write.put(absent(ANY_USER), ANY_USER, FirstAccountTaken::new)));
			return true;
		}
		catch (FirstAccountTaken taken) {
			return false;
		}
	}

	private Write[] accountWrites(User user, Write anyUser) {
		Map<String, AttributeValue> byName = item(user, key("username#" + User.key(user.username()), "username"));
		Map<String, AttributeValue> byId = item(user, key("user#" + user.id(), "user"));
		return new Write[] {
				Write.put(absent(byName), key("username#" + User.key(user.username()), "username"),
						() -> new UsernameTakenException(user.username())),
				Write.put(absent(byId), key("user#" + user.id(), "user"),
						() -> new IllegalStateException("user id " + user.id() + " exists")),
				anyUser };
	}

	private static final class FirstAccountTaken extends RuntimeException {

		FirstAccountTaken() {
			super("another first account was added", null, false, false);
		}
	}

	@Override
	public void update(User user) {
		Map<String, AttributeValue> byName = key("username#" + User.key(user.username()), "username");
		Map<String, AttributeValue> byId = key("user#" + user.id(), "user");
		writes.apply(Write.put(present(item(user, byName)), byName, null), Write.put(present(item(user, byId)), byId, null));
	}

	@Override
	public void remove(String id) {
		findById(id).ifPresent(user -> writes.apply(
				Write.delete(Delete.builder().tableName(table).key(key("username#" + User.key(user.username()), "username"))
					.build(), null),
				Write.delete(Delete.builder().tableName(table).key(key("user#" + id, "user")).build(), null)));
	}

	@Override
	public boolean any() {
		Map<String, AttributeValue> item = writes.client()
			.getItem(request -> request.tableName(table).key(ANY_USER).consistentRead(true)).item();
		return item != null && !item.isEmpty();
	}

	/** Written with every new account, so that "is there any account yet" is one read, not a scan. */
	private static final Map<String, AttributeValue> ANY_USER = key("users#any", "users");

	private Put present(Map<String, AttributeValue> item) {
		return Put.builder().tableName(table).item(item).conditionExpression("attribute_exists(pk)").build();
	}

	private Put absent(Map<String, AttributeValue> item) {
		return Put.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(pk)").build();
	}

	@Override
	public Optional<User> findByUsername(String username) {
		return get(key("username#" + User.key(username), "username"));
	}

	@Override
	public Optional<User> findById(String id) {
		return get(key("user#" + id, "user"));
	}

	private Optional<User> get(Map<String, AttributeValue> key) {
		Map<String, AttributeValue> item = writes.client()
			.getItem(request -> request.tableName(table).key(key).consistentRead(true))
			.item();
		if (item == null || item.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new User(Items.string(item, "id"), Items.string(item, "username"),
				Items.string(item, "passwordHash"), Items.instant(item, "createdAt"),
				Optional.ofNullable(Items.number(item, "tokenGeneration")).orElse(0L),
				item.containsKey("admin") && Boolean.TRUE.equals(item.get("admin").bool()),
				item.containsKey("disabled") && Boolean.TRUE.equals(item.get("disabled").bool())));
	}

	private static Map<String, AttributeValue> item(User user, Map<String, AttributeValue> key) {
		Map<String, AttributeValue> item = new HashMap<>(key);
		item.put("id", s(user.id()));
		item.put("username", s(user.username()));
		item.put("passwordHash", s(user.passwordHash()));
		item.put("createdAt", Items.n(user.createdAt().toEpochMilli()));
		item.put("tokenGeneration", Items.n(user.tokenGeneration()));
		item.put("admin", Items.bool(user.admin()));
		item.put("disabled", Items.bool(user.disabled()));
		return item;
	}
}
