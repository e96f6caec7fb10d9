package app.tasklens.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.tasklens.account.Invite;
import app.tasklens.account.Invites;
import app.tasklens.account.User;

/** The Invites port on the JDBC adapter, run on SQLite and on PostgreSQL. */
abstract class InvitesContract {

	private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
	private static final Duration LIFETIME = Duration.ofDays(7);

	private JdbcFixture store;
	private Invites invites;

	protected abstract JdbcFixture fixture();

	@BeforeEach
	void aliceAndBobHaveAccounts() {
		store = fixture();
		invites = new JdbcInvites(store.jdbc());
		store.users().add(new User("id-alice", "alice", "{bcrypt}hash", T0));
		store.users().add(new User("id-bob", "bob", "{bcrypt}hash", T0));
	}

	@AfterEach
	void close() {
		store.close();
	}

	@Test
	void invitesAreListedForTheirMakerNewestFirstAndUsableUntilTheyExpire() {
		invites.add(invite("inv-1", "hash-1", T0));
		invites.add(invite("inv-2", "hash-2", T0.plusSeconds(60)));

		assertThat(invites.madeBy("id-alice")).extracting(Invite::id).containsExactly("inv-2", "inv-1");
		assertThat(invites.madeBy("id-bob")).isEmpty();
		assertThat(invites.usable("hash-1", T0.plus(LIFETIME).minusMillis(1))).isTrue();
		assertThat(invites.usable("hash-1", T0.plus(LIFETIME))).isFalse();
		assertThat(invites.use("hash-1", "carol", T0.plus(LIFETIME))).as("expired").isFalse();
		assertThat(invites.usable("no-such-hash", T0)).isFalse();
	}

	@Test
	void anInviteIsUsedOnceAndRemembersByWhom() {
		invites.add(invite("inv-1", "hash-1", T0));

		assertThat(invites.use("hash-1", "carol", T0.plusSeconds(5))).isTrue();
		assertThat(invites.use("hash-1", "dave", T0.plusSeconds(6))).isFalse();

		assertThat(invites.usable("hash-1", T0.plusSeconds(7))).isFalse();
		Invite used = invites.madeBy("id-alice").get(0);
		assertThat(used.usedBy()).isEqualTo("carol");
		assertThat(used.usedAt()).isEqualTo(T0.plusSeconds(5));
		assertThat(used.state(T0.plusSeconds(7))).isEqualTo(Invite.State.USED);
	}

	@Test
	void onlyItsMakerRevokesAnUnusedInvite() {
		invites.add(invite("inv-1", "hash-1", T0));
		invites.add(invite("inv-2", "hash-2", T0));
		invites.use("hash-2", "carol", T0.plusSeconds(1));

		assertThat(invites.revoke("inv-1", "id-bob")).isFalse();
		assertThat(invites.revoke("inv-2", "id-alice")).as("used").isFalse();
		assertThat(invites.revoke("inv-1", "id-alice")).isTrue();

		assertThat(invites.madeBy("id-alice")).extracting(Invite::id).containsExactly("inv-2");
		assertThat(invites.usable("hash-1", T0.plusSeconds(2))).isFalse();
	}

	/** Of eight sign-ups with one link at the same moment (on PostgreSQL: on several nodes), exactly one gets it. */
	@Test
	void ofUsesAtTheSameMomentExactlyOneGetsTheInvite() throws Exception {
		invites.add(invite("inv-1", "hash-1", T0));
		int signUps = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(signUps);
		try {
			List<Future<Boolean>> uses = IntStream.range(0, signUps).mapToObj(n -> pool.submit(() -> {
				start.await();
				return invites.use("hash-1", "user" + n, T0.plusSeconds(1));
			})).toList();
			start.countDown();
			int got = 0;
			for (Future<Boolean> use : uses) {
				got += use.get() ? 1 : 0;
			}
			assertThat(got).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static Invite invite(String id, String hash, Instant createdAt) {
		return new Invite(id, hash, "id-alice", createdAt, T0.plus(LIFETIME), null, null);
	}
}
