package app.tasklens.web.rekognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import app.tasklens.MutableClock;

class KeyRateLimitTest {

	@Test
	void aKeyMakesItsRateWithABurstOfAsManyAndEachKeyHasItsOwn() {
		MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
		KeyRateLimit limit = new KeyRateLimit(5, clock);

		for (int i = 0; i < 5; i++) {
			assertThat(limit.tryTake("TLAKAAAAAAAAAAAAAAAA")).as("call %d", i).isTrue();
		}
		assertThat(limit.tryTake("TLAKAAAAAAAAAAAAAAAA")).isFalse();
		assertThat(limit.tryTake("TLAKBBBBBBBBBBBBBBBB")).as("another key").isTrue();

		clock.advance(Duration.ofMillis(200));
		assertThat(limit.tryTake("TLAKAAAAAAAAAAAAAAAA")).as("one token after a fifth of a second").isTrue();
		assertThat(limit.tryTake("TLAKAAAAAAAAAAAAAAAA")).isFalse();

		clock.advance(Duration.ofMinutes(5));
		for (int i = 0; i < 5; i++) {
			assertThat(limit.tryTake("TLAKAAAAAAAAAAAAAAAA")).isTrue();
		}
		assertThat(limit.tryTake("TLAKAAAAAAAAAAAAAAAA")).as("no more saved up than the rate").isFalse();
	}
}
