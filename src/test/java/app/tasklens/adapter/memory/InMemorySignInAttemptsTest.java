package app.tasklens.adapter.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import app.tasklens.account.SignInAttempts;
import app.tasklens.adapter.SignInAttemptsContract;

class InMemorySignInAttemptsTest extends SignInAttemptsContract {

	@Override
	protected SignInAttempts attempts() {
		return new InMemorySignInAttempts();
	}

	@Test
	void staysBoundedWhateverTheNumberOfKeys() {
		InMemorySignInAttempts attempts = new InMemorySignInAttempts();
		Instant now = Instant.parse("2026-03-01T09:00:00Z");

		for (int i = 0; i < InMemorySignInAttempts.MAX_KEYS * 2; i++) {
			attempts.failed("address:" + i, now.plusMillis(i), Duration.ofDays(1));
		}

		assertThat(attempts.size()).isLessThanOrEqualTo(InMemorySignInAttempts.MAX_KEYS);
		assertThat(attempts.failures("address:" + (InMemorySignInAttempts.MAX_KEYS * 2 - 1), now.plusSeconds(300),
				Duration.ofDays(1))).as("the newest are kept").isPresent();
	}
}
