package app.tasklens.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.tasklens.account.User;
import app.tasklens.account.UsernameTakenException;
import app.tasklens.account.Users;

/** What every adapter of {@link Users} does; a subclass per adapter says how to open its store. */
public abstract class UsersContract {

	private StoreFixture store;
	private Users users;

	protected abstract StoreFixture open();

	@BeforeEach
	void openStore() {
		store = open();
		users = store.users();
	}

	@AfterEach
	void closeStore() {
		store.close();
	}

	@Test
	void aUserIsFoundByIdAndByUsernameInAnyCaseKeepingItsOwnSpelling() {
		User alice = new User("id-alice", "Alice", "{bcrypt}hash", Instant.parse("2026-03-01T09:00:00.123Z"));
		users.add(alice);

		assertThat(users.findById("id-alice")).contains(alice);
		assertThat(users.findByUsername("ALICE")).contains(alice);
		assertThat(users.findByUsername("bob")).isEmpty();
	}

	@Test
	void aUsernameThatDiffersOnlyInCaseIsTakenAndTheFirstAccountStays() {
		users.add(new User("id-1", "Alice", "{bcrypt}first", Instant.EPOCH));

		assertThatThrownBy(() -> users.add(new User("id-2", "aLiCe", "{bcrypt}second", Instant.EPOCH)))
			.isInstanceOf(UsernameTakenException.class);
		assertThat(users.findByUsername("alice").orElseThrow().passwordHash()).isEqualTo("{bcrypt}first");
		assertThat(users.findById("id-2")).isEmpty();
	}

	@Test
	void aChangedPasswordAndGenerationReadBackByIdAndByUsername() {
		User alice = new User("id-alice", "Alice", "{bcrypt}old", Instant.parse("2026-03-01T09:00:00Z"), 0, true);
		users.add(alice);

		User changed = new User("id-alice", "Alice", "{bcrypt}new", alice.createdAt(), 1, true);
		users.update(changed);

		assertThat(users.findById("id-alice")).contains(changed);
		assertThat(users.findByUsername("alice")).contains(changed);
	}

	@Test
	void theAdminAndDisabledFlagsReadBackByIdAndByUsername() {
		User bob = new User("id-bob", "Bob", "{bcrypt}x", Instant.parse("2026-03-01T09:00:00Z"));
		users.add(bob);

		User changed = new User("id-bob", "Bob", "{bcrypt}x", bob.createdAt(), 1, true, true);
		users.update(changed);

		assertThat(users.findById("id-bob")).contains(changed);
		assertThat(users.findByUsername("bob")).contains(changed);
		User enabled = new User("id-bob", "Bob", "{bcrypt}x", bob.createdAt(), 1, false, false);
		users.update(enabled);
		assertThat(users.findById("id-bob")).contains(enabled);
	}

	@Test
	void aRemovedAccountIsGoneAndItsNameFreeAgain() {
		users.add(new User("id-1", "Alice", "{bcrypt}first", Instant.EPOCH));
		users.add(new User("id-2", "Bob", "{bcrypt}second", Instant.EPOCH));

		users.remove("id-1");
		users.remove("no-such-id");

		assertThat(users.findById("id-1")).isEmpty();
		assertThat(users.findByUsername("alice")).isEmpty();
		assertThat(users.findById("id-2")).isPresent();
		users.add(new User("id-3", "alice", "{bcrypt}third", Instant.EPOCH));
		assertThat(users.findByUsername("ALICE").orElseThrow().id()).isEqualTo("id-3");
	}

	@Test
	void anyTellsWhetherAnAccountWasEverMade() {
		assertThat(users.any()).isFalse();

		users.add(new User("id-1", "Alice", "{bcrypt}first", Instant.EPOCH));

		assertThat(users.any()).isTrue();
	}

	@Test
	void ofFirstAccountsAddedAtOnceExactlyOneIsAddedAndTheOthersStoreNothing() throws Exception {
		int signUps = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(signUps);
		try {
			List<Future<Boolean>> added = IntStream.range(0, signUps).mapToObj(n -> pool.submit(() -> {
				start.await();
				return users.addFirst(new User("id-" + n, "first" + n, "{bcrypt}hash", Instant.EPOCH, 0, true));
			})).toList();
			start.countDown();
			List<Integer> winners = new ArrayList<>();
			for (int n = 0; n < signUps; n++) {
				if (added.get(n).get()) {
					winners.add(n);
				}
			}

			assertThat(winners).hasSize(1);
			for (int n = 0; n < signUps; n++) {
				assertThat(users.findById("id-" + n).isPresent()).as("account " + n).isEqualTo(winners.contains(n));
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aFirstAccountIsNotAddedOnceAnotherWasAndItsUsernameIsStillChecked() {
		assertThat(users.addFirst(new User("id-1", "Alice", "{bcrypt}a", Instant.EPOCH, 0, true))).isTrue();

		assertThat(users.addFirst(new User("id-2", "Bob", "{bcrypt}b", Instant.EPOCH, 0, true))).isFalse();
		assertThat(users.findById("id-2")).isEmpty();
		assertThatThrownBy(() -> users.addFirst(new User("id-3", "ALICE", "{bcrypt}c", Instant.EPOCH, 0, true)))
			.isInstanceOf(UsernameTakenException.class);
		users.add(new User("id-4", "Carol", "{bcrypt}d", Instant.EPOCH));
		assertThat(users.findById("id-4")).isPresent();
	}
}
