package app.tasklens.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Whether a token's account still exists in the token's generation, asked on every API request. Reading the
 * account each time halved the list throughput of {@code bench-api} (SQLite serves it on the same
 * connection pool as the request's own query), so an answer is kept for {@link #FRESH}: this node forgets it
 * at once when the password changes or the account goes; other nodes learn it within that second.
 */
@Component
public class TokenGenerations {

	static final Duration FRESH = Duration.ofSeconds(1);
	private static final int MAX_ENTRIES = 10_000;

	private final Users users;
	private final Clock clock;
	private final Map<String, Known> known = new ConcurrentHashMap<>();

	public TokenGenerations(Users users, Clock clock) {
		this.users = users;
		this.clock = clock;
	}

	public boolean current(String userId, long generation) {
		Instant now = clock.instant();
		Known entry = known.get(userId);
		if (entry == null || !entry.checkedAt().plus(FRESH).isAfter(now) || entry.checkedAt().isAfter(now)) {
			if (known.size() >= MAX_ENTRIES) {
				known.clear();
			}
			entry = new Known(users.findById(userId).map(User::tokenGeneration).orElse(-1L), now);
			known.put(userId, entry);
		}
		return entry.generation() >= 0 && entry.generation() == generation;
	}

	/** The account changed here: its next token is checked against the store. */
	void forget(String userId) {
		known.remove(userId);
	}

	private record Known(long generation, Instant checkedAt) {
	}
}
