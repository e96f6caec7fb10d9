package app.tasklens.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import app.tasklens.MutableClock;
import app.tasklens.adapter.memory.InMemorySignInAttempts;

/** The sign-in limits of issue 7 item 5, on the in-memory counts and a clock moved by hand. */
class SignInThrottleTest {

	private static final Duration LOCKOUT = Duration.ofMinutes(15);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
	private final SignInThrottle throttle = new SignInThrottle(new InMemorySignInAttempts(),
			new AccountSettings(Duration.ofHours(12), 5, 100, LOCKOUT), clock);

	private void failures(int count, String username, String address) {
		for (int i = 0; i < count; i++) {
			throttle.check(username, address);
			throttle.failed(username, address);
		}
	}

	@Test
	void fiveWrongPasswordsLockThatAccountFromThatAddressOnly() {
		failures(5, "alice", "203.0.113.7");

		assertThatThrownBy(() -> throttle.check("alice", "203.0.113.7")).isInstanceOf(TooManyAttemptsException.class)
			.hasMessage("Too many failed sign-ins. Try again in 15 minutes.");
		assertThatThrownBy(() -> throttle.check("ALICE", "203.0.113.7")).as("usernames are counted without case")
			.isInstanceOf(TooManyAttemptsException.class);
		assertThatCode(() -> throttle.check("bob", "203.0.113.7")).as("another user behind the same router")
			.doesNotThrowAnyException();
		assertThatCode(() -> throttle.check("alice", "198.51.100.1")).as("the owner from an address that has not failed")
			.doesNotThrowAnyException();
	}

	@Test
	void fourFailuresDoNotLock() {
		failures(4, "alice", "203.0.113.7");

		assertThatCode(() -> throttle.check("alice", "203.0.113.7")).doesNotThrowAnyException();
	}

	@Test
	void theWaitCountsDownInWholeMinutesFromTheLastFailure() {
		failures(5, "alice", "203.0.113.7");
		clock.advance(Duration.ofSeconds(61));

		assertThatThrownBy(() -> throttle.check("alice", "203.0.113.7"))
			.hasMessage("Too many failed sign-ins. Try again in 14 minutes.")
			.satisfies(ex -> assertThat(((TooManyAttemptsException) ex).retryAfter()).isEqualTo(LOCKOUT.minusSeconds(61)));
		clock.advance(LOCKOUT.minusSeconds(61));
		assertThatCode(() -> throttle.check("alice", "203.0.113.7")).doesNotThrowAnyException();
	}

	@Test
	void eachFurtherRunOfFiveFailuresDoublesTheWait() {
		assertThat(waitAfterFailure(5)).isEqualTo(LOCKOUT);
		for (int failure = 6; failure <= 9; failure++) {
			assertThat(waitAfterFailure(failure)).as("failure %d", failure).isEqualTo(LOCKOUT);
		}
		assertThat(waitAfterFailure(10)).isEqualTo(LOCKOUT.multipliedBy(2));
		for (int failure = 11; failure < 15; failure++) {
			waitAfterFailure(failure);
		}
		assertThat(waitAfterFailure(15)).isEqualTo(LOCKOUT.multipliedBy(4));
	}

	/** Alice's wait after her {@code n}-th failure from one address, each tried once the previous wait is over. */
	private Duration waitAfterFailure(int n) {
		Duration wait = Duration.ZERO;
		for (int i = countedFailures; i < n; i++) {
			clock.advance(wait);
			throttle.check("alice", "203.0.113.7");
			throttle.failed("alice", "203.0.113.7");
			countedFailures++;
			try {
				throttle.check("alice", "203.0.113.7");
				wait = Duration.ZERO;
			}
			catch (TooManyAttemptsException ex) {
				wait = ex.retryAfter();
			}
		}
		clock.advance(wait);
		return wait;
	}

	private int countedFailures;

	@Test
	void aFailureAfterTheWaitWaitsAgainAtOnce() {
		failures(5, "alice", "203.0.113.7");
		clock.advance(LOCKOUT);

		failures(1, "alice", "203.0.113.7");

		assertThatThrownBy(() -> throttle.check("alice", "203.0.113.7")).isInstanceOf(TooManyAttemptsException.class);
	}

	@Test
	void theRightPasswordClearsThePairButNotTheAddress() {
		failures(4, "alice", "203.0.113.7");
		for (int i = 0; i < 91; i++) {
			failures(1, "guess" + i, "203.0.113.7");
		}
		throttle.succeeded("alice", "203.0.113.7");


		failures(4, "alice", "203.0.113.7");
		assertThatCode(() -> throttle.check("alice", "203.0.113.7")).as("the pair counts from zero again")
			.doesNotThrowAnyException();
		failures(1, "alice", "203.0.113.7");
		assertThatThrownBy(() -> throttle.check("carol", "203.0.113.7")).as("100 failures from the address")
			.isInstanceOf(TooManyAttemptsException.class);
	}

	@Test
	void aHundredFailuresFromOneAddressLockItForEveryUsernameButNotOtherAddresses() {
		for (int i = 0; i < 99; i++) {
			failures(1, "user" + i, "203.0.113.7");
		}
		assertThatCode(() -> throttle.check("someone", "203.0.113.7")).as("99 failures: many people behind a proxy")
			.doesNotThrowAnyException();

		failures(1, "user99", "203.0.113.7");

		assertThatThrownBy(() -> throttle.check("someone", "203.0.113.7")).isInstanceOf(TooManyAttemptsException.class)
			.hasMessage("Too many failed sign-ins. Try again in 15 minutes.");
		assertThatCode(() -> throttle.check("someone", "203.0.113.8")).doesNotThrowAnyException();
		clock.advance(LOCKOUT);
		assertThatCode(() -> throttle.check("someone", "203.0.113.7")).doesNotThrowAnyException();
	}

	@Test
	void theAddressForgetsFailuresSpreadWiderThanTheLockout() {
		for (int i = 0; i < 150; i++) {
			failures(1, "user" + i, "203.0.113.7");
			if (i % 50 == 49) {
				clock.advance(LOCKOUT);
			}
		}

		assertThatCode(() -> throttle.check("someone", "203.0.113.7")).doesNotThrowAnyException();
	}

	@Test
	void waitsReadInPlainWords() {
		assertThat(TooManyAttemptsException.inWords(Duration.ofSeconds(1))).isEqualTo("1 second");
		assertThat(TooManyAttemptsException.inWords(Duration.ofSeconds(40))).isEqualTo("40 seconds");
		assertThat(TooManyAttemptsException.inWords(Duration.ofSeconds(60))).isEqualTo("1 minute");
		assertThat(TooManyAttemptsException.inWords(Duration.ofSeconds(61))).isEqualTo("2 minutes");
		assertThat(TooManyAttemptsException.inWords(Duration.ofHours(4))).isEqualTo("4 hours");
	}
}
