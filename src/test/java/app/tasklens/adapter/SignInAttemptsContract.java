package app.tasklens.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import app.tasklens.account.SignInAttempts;
import app.tasklens.account.SignInAttempts.Failures;

/**
 * What every adapter of {@link SignInAttempts} does; a subclass per adapter says how to make one (and may
 * close it in an {@code @AfterEach}). Keys are those the throttle makes: up to 400 characters, any text.
 */
public abstract class SignInAttemptsContract {

	private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
	private static final Duration FORGET = Duration.ofMinutes(15);

	/** An empty store of counts (or one where only keys of other tests exist). */
	protected abstract SignInAttempts attempts();

	private final String key = "pair:alice|203.0.113." + System.nanoTime() % 1000 + "|" + System.nanoTime();

	@Test
	void failuresCountUpAndTellTheLastOne() {
		SignInAttempts attempts = attempts();

		assertThat(attempts.failures(key, T0, FORGET)).isEmpty();
		assertThat(attempts.failed(key, T0, FORGET)).isEqualTo(new Failures(1, T0));
		assertThat(attempts.failed(key, T0.plusSeconds(5), FORGET)).isEqualTo(new Failures(2, T0.plusSeconds(5)));
		assertThat(attempts.failures(key, T0.plusSeconds(6), FORGET)).contains(new Failures(2, T0.plusSeconds(5)));
	}

	@Test
	void keysCountApart() {
		SignInAttempts attempts = attempts();
		attempts.failed(key, T0, FORGET);

		assertThat(attempts.failures(key + "x", T0, FORGET)).isEmpty();
		assertThat(attempts.failed(key + "x", T0, FORGET).count()).isEqualTo(1);
		assertThat(attempts.failures(key, T0, FORGET).orElseThrow().count()).isEqualTo(1);
	}

	@Test
	void aKeyWithoutFailureForForgetAfterStartsAgain() {
		SignInAttempts attempts = attempts();
		attempts.failed(key, T0, FORGET);
		attempts.failed(key, T0.plusSeconds(60), FORGET);

		Instant later = T0.plusSeconds(60).plus(FORGET);
		assertThat(attempts.failures(key, later.minusMillis(1), FORGET)).isPresent();
		assertThat(attempts.failures(key, later, FORGET)).as("forgotten at exactly forgetAfter").isEmpty();
		assertThat(attempts.failed(key, later, FORGET)).isEqualTo(new Failures(1, later));
	}

	@Test
	void clearForgetsAKey() {
		SignInAttempts attempts = attempts();
		attempts.failed(key, T0, FORGET);
		attempts.failed(key + "-other", T0, FORGET);

		attempts.clear(key);
		attempts.clear(key + "-never-counted");

		assertThat(attempts.failures(key, T0, FORGET)).isEmpty();
		assertThat(attempts.failures(key + "-other", T0, FORGET)).isPresent();
		assertThat(attempts.failed(key, T0, FORGET).count()).isEqualTo(1);
	}

	@Test
	void longKeysOfAnyTextAreKeptApart() {
		SignInAttempts attempts = attempts();
		String longKey = "pair:" + "é".repeat(128) + "|" + "2001:db8::" + "f".repeat(200);

		attempts.failed(longKey, T0, FORGET);

		assertThat(attempts.failures(longKey, T0, FORGET).orElseThrow().count()).isEqualTo(1);
		assertThat(attempts.failures(longKey.substring(0, longKey.length() - 1), T0, FORGET)).isEmpty();
	}

	@Test
	void failuresCountedAtOnceAreAllCounted() throws Exception {
		SignInAttempts attempts = attempts();
		int threads = 4;
		int each = 25;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Callable<Void>> tasks = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				tasks.add(() -> {
					for (int i = 0; i < each; i++) {
						attempts.failed(key, T0, FORGET);
					}
					return null;
				});
			}
			for (Future<Void> done : pool.invokeAll(tasks)) {
				done.get();
			}
		}
		finally {
			pool.shutdown();
		}

		assertThat(attempts.failures(key, T0, FORGET).orElseThrow().count()).isEqualTo(threads * each);
	}
}
