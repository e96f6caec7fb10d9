package app.tasklens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A clock that tests move by hand, to cross lockout windows and token lifetimes without waiting. */
public final class MutableClock extends Clock {

	private volatile Instant now;
	private final ZoneId zone;

	public MutableClock(Instant start) {
		this(start, ZoneOffset.UTC);
	}

	private MutableClock(Instant start, ZoneId zone) {
		this.now = start;
		this.zone = zone;
	}

	public void advance(Duration duration) {
		now = now.plus(duration);
	}

	@Override
	public Instant instant() {
		return now;
	}

	@Override
	public ZoneId getZone() {
		return zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new MutableClock(now, zone);
	}

	/**
	 * {@code @Import} it to run the application on a clock that starts now and moves only when the test says
	 * (autowire {@link MutableClock}). Such a test class gets a Spring context of its own.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	public static class AsApplicationClock {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock(Instant.now());
		}
	}
}
