package app.tasklens.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per username and per client address in a sliding window and refuses further
 * attempts once either passes the limit. Kept in memory: it protects one node; a shared store is needed
 * when several nodes serve the same users.
 */
@Component
public class SignInThrottle {

	private static final int MAX_KEYS = 100_000;

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
	private final AccountSettings settings;
	private final Clock clock;

	SignInThrottle(AccountSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/** @throws TooManyAttemptsException when the username or the address is locked out */
	public void check(String username, String clientAddress) {
		Instant now = clock.instant();
		Duration wait = max(retryAfter("u:" + User.key(username), now), retryAfter("a:" + clientAddress, now));
		if (!wait.isZero()) {
			throw new TooManyAttemptsException(wait);
		}
	}

	public void failed(String username, String clientAddress) {
		if (failures.size() > MAX_KEYS) {
			prune(clock.instant());
		}
		Instant now = clock.instant();
		record("u:" + User.key(username), now);
		record("a:" + clientAddress, now);
	}

	public void succeeded(String username) {
		failures.remove("u:" + User.key(username));
	}

	private void record(String key, Instant now) {
		Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
		synchronized (times) {
			times.addLast(now);
			while (times.size() > settings.maxFailedSignIns()) {
				times.removeFirst();
			}
		}
	}

	/**
	 * Locked once {@code maxFailedSignIns} failures fall within one {@code lockout} window, until a
	 * {@code lockout} after the last of them: the wait that Retry-After announces is the wait that holds.
	 */
	private Duration retryAfter(String key, Instant now) {
		Deque<Instant> times = failures.get(key);
		if (times == null) {
			return Duration.ZERO;
		}
		synchronized (times) {
			if (times.size() < settings.maxFailedSignIns()
					|| Duration.between(times.peekFirst(), times.peekLast()).compareTo(settings.lockout()) > 0) {
				return Duration.ZERO;
			}
			Duration wait = Duration.between(now, times.peekLast().plus(settings.lockout()));
			return wait.isNegative() ? Duration.ZERO : wait;
		}
	}

	private void prune(Instant now) {
		Instant windowStart = now.minus(settings.lockout());
		failures.values().removeIf(times -> times.isEmpty() || !times.peekLast().isAfter(windowStart));
	}

	private static Duration max(Duration a, Duration b) {
		return a.compareTo(b) >= 0 ? a : b;
	}
}
