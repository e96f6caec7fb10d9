package app.tasklens.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.tasklens.account.AccessKey;
import app.tasklens.account.AccessKeys;
import app.tasklens.account.User;

/** What every adapter of {@link AccessKeys} does; a subclass per adapter says how to open its store. */
public abstract class AccessKeysContract {

	private StoreFixture store;
	private AccessKeys keys;

	protected abstract StoreFixture open();

	@BeforeEach
	void openStore() {
		store = open();
		keys = store.accessKeys();
		store.users().add(new User("alice", "alice", "{noop}x", Instant.EPOCH));
		store.users().add(new User("bob", "bob", "{noop}x", Instant.EPOCH));
	}

	@AfterEach
	void closeStore() {
		store.close();
	}

	@Test
	void aKeyIsFoundByIdAndListedOnlyForItsOwnerOldestFirst() {
		AccessKey second = new AccessKey("TLAKBBBBBBBBBBBBBBBB", "alice", "sealed-2", Instant.parse("2026-12-03T09:00:01Z"));
		AccessKey first = new AccessKey("TLAKAAAAAAAAAAAAAAAA", "alice", "sealed-1", Instant.parse("2026-12-03T09:00:00Z"));
		AccessKey bobs = new AccessKey("TLAKCCCCCCCCCCCCCCCC", "bob", "sealed-3", Instant.parse("2026-12-03T08:00:00Z"));
		keys.add(second);
		keys.add(first);
		keys.add(bobs);

		assertThat(keys.findById(first.id())).contains(first);
		assertThat(keys.findById("TLAKDDDDDDDDDDDDDDDD")).isEmpty();
		assertThat(keys.listByOwner("alice")).containsExactly(first, second);
		assertThat(keys.listByOwner("bob")).containsExactly(bobs);
		assertThat(keys.listByOwner("nobody")).isEmpty();
	}

	@Test
	void onlyTheOwnerRemovesAKeyAndARemovedKeyIsGone() {
		AccessKey key = new AccessKey("TLAKAAAAAAAAAAAAAAAA", "alice", "sealed", Instant.EPOCH);
		keys.add(key);

		assertThat(keys.remove("bob", key.id())).isFalse();
		assertThat(keys.findById(key.id())).contains(key);

		assertThat(keys.remove("alice", key.id())).isTrue();
		assertThat(keys.findById(key.id())).isEmpty();
		assertThat(keys.listByOwner("alice")).isEmpty();
		assertThat(keys.remove("alice", key.id())).isFalse();
	}
}
