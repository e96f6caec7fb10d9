package app.tasklens.adapter.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import app.tasklens.account.SignInAttempts;

/**
 * Failed sign-ins in this process's memory: the one-node default ({@code tasklens.account.sign-in-attempts=memory},
 * and what serves when it is not set and there is no PostgreSQL).
 * Several nodes need a shared adapter, or each would allow its own count. Bounded: past
 * {@link #MAX_KEYS} keys the forgotten ones are dropped, and if that is not enough the oldest half.
 */
@Component
@ConditionalOnExpression("'${tasklens.account.sign-in-attempts:}' == 'memory'"
		+ " or ('${tasklens.account.sign-in-attempts:}' == '' and '${tasklens.database.url:}' == '')")
public class InMemorySignInAttempts implements SignInAttempts {

	static final int MAX_KEYS = 100_000;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	@Override
	public Failures failed(String key, Instant now, Duration forgetAfter) {
		if (entries.size() >= MAX_KEYS) {
			prune(now);
		}
		Entry entry = entries.compute(key, (k, old) -> old == null || forgotten(old, now)
				? new Entry(new Failures(1, now), forgetAfter)
				: new Entry(new Failures(old.failures().count() + 1, now), forgetAfter));
		return entry.failures();
	}

	@Override
	public Optional<Failures> failures(String key, Instant now, Duration forgetAfter) {
		Entry entry = entries.get(key);
		if (entry == null || !entry.failures().last().isAfter(now.minus(forgetAfter))) {
			return Optional.empty();
		}
		return Optional.of(entry.failures());
	}

	@Override
	public void clear(String key) {
		entries.remove(key);
	}

	int size() {
		return entries.size();
	}

	private static boolean forgotten(Entry entry, Instant now) {
		return !entry.failures().last().isAfter(now.minus(entry.forgetAfter()));
	}

	private void prune(Instant now) {
		entries.values().removeIf(entry -> forgotten(entry, now));
		if (entries.size() >= MAX_KEYS) {
			Instant median = entries.values().stream().map(entry -> entry.failures().last()).sorted()
				.skip(entries.size() / 2).findFirst().orElse(now);
			entries.values().removeIf(entry -> entry.failures().last().isBefore(median));
		}
	}

	private record Entry(Failures failures, Duration forgetAfter) {
	}
}
