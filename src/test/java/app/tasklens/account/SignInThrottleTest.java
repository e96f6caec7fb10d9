package app.tasklens.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import app.tasklens.MutableClock;

class SignInThrottleTest {

	private static final Duration LOCKOUT = Duration.ofMinutes(15);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
	private final SignInThrottle throttle = new SignInThrottle(new AccountSettings(Duration.ofHours(12), 5, LOCKOUT), clock);

	@Test
	void fiveFailuresForAUsernameLockItFromEveryAddress() {
		for (int i = 0; i < 5; i++) {
			throttle.check("alice", "10.0.0." + i);
			throttle.failed("alice", "10.0.0." + i);
		}

		assertThatThrownBy(() -> throttle.check("alice", "10.9.9.9")).isInstanceOf(TooManyAttemptsException.class);
		assertThatThrownBy(() -> throttle.check("ALICE", "10.9.9.9")).as("usernames are counted without case")
			.isInstanceOf(TooManyAttemptsException.class);
		assertThatCode(() -> throttle.check("bob", "10.9.9.9")).doesNotThrowAnyException();
	}

	@Test
	void fiveFailuresFromAnAddressLockItForEveryUsername() {
		for (int i = 0; i < 5; i++) {
			throttle.failed("user" + i, "10.0.0.1");
		}

		assertThatThrownBy(() -> throttle.check("someone-new", "10.0.0.1")).isInstanceOf(TooManyAttemptsException.class);
		assertThatCode(() -> throttle.check("someone-new", "10.0.0.2")).doesNotThrowAnyException();
	}

	@Test
	void fourFailuresDoNotLock() {
		for (int i = 0; i < 4; i++) {
			throttle.failed("alice", "10.0.0.1");
		}

		assertThatCode(() -> throttle.check("alice", "10.0.0.1")).doesNotThrowAnyException();
	}

	@Test
	void theLockLastsTheLockoutAfterTheLastFailureAndSaysHowLong() {
		for (int i = 0; i < 5; i++) {
			throttle.failed("alice", "10.0.0.1");
			clock.advance(Duration.ofMinutes(1));
		}
		// The last failure was 1 minute ago.
		assertThatThrownBy(() -> throttle.check("alice", "10.0.0.1"))
			.isInstanceOfSatisfying(TooManyAttemptsException.class,
					ex -> assertThat(ex.retryAfter()).isEqualTo(LOCKOUT.minusMinutes(1)));

		clock.advance(LOCKOUT.minusMinutes(1).minusSeconds(1));
		assertThatThrownBy(() -> throttle.check("alice", "10.0.0.1"))
			.isInstanceOfSatisfying(TooManyAttemptsException.class,
					ex -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(1)));

		clock.advance(Duration.ofSeconds(1));
		assertThatCode(() -> throttle.check("alice", "10.0.0.1")).doesNotThrowAnyException();
	}

	@Test
	void failuresOlderThanTheWindowDoNotCount() {
		for (int i = 0; i < 4; i++) {
			throttle.failed("alice", "10.0.0.1");
		}
		clock.advance(LOCKOUT.plusSeconds(1));
		throttle.failed("alice", "10.0.0.1");

		assertThatCode(() -> throttle.check("alice", "10.0.0.1")).doesNotThrowAnyException();
	}

	@Test
	void aSuccessfulSignInClearsTheUsernamesFailuresButNotTheAddresses() {
		for (int i = 0; i < 4; i++) {
			throttle.failed("alice", "10.0.0.1");
		}
		throttle.succeeded("alice");
		for (int i = 0; i < 4; i++) {
			throttle.failed("alice", "10.0.0.2");
		}

		assertThatCode(() -> throttle.check("alice", "10.0.0.3")).doesNotThrowAnyException();

		throttle.failed("bob", "10.0.0.1");
		assertThatThrownBy(() -> throttle.check("carol", "10.0.0.1")).as("the address kept its 4 failures")
			.isInstanceOf(TooManyAttemptsException.class);
	}
}
