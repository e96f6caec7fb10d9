package app.tasklens.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;

import app.tasklens.account.SignInAttempts.Failures;

/**
 * When a sign-in is refused before its password is checked, in the manner of OWASP's authentication
 * guidance: limits that slow a guesser down without letting anyone lock other people out.
 *
 * <ul>
 * <li>Per account and address: {@code maxFailedSignIns} failures for one username from one client address
 * lock that pair for {@code lockout}; each further run of as many failures doubles the wait (15, 30, 60
 * minutes…, at most a day). A correct password from that address clears the pair. The same username from
 * another address, and other usernames from this one, are not affected: an attacker cannot lock the owner
 * out, and a family or office behind one router is not locked out by one forgetful member.
 * <li>Per address: {@code maxFailedSignInsPerAddress} failures for any usernames from one address lock that
 * address for {@code lockout}, so that guessing across many accounts from one place is slowed down too. It
 * counts failures only, and is high enough for many people behind one address. Successes do not clear it
 * (a guesser would sign in to its own account between guesses).
 * </ul>
 * Counts are kept by {@link SignInAttempts}, shared by the nodes.
 */
@Component
public class SignInThrottle {

	/** A pair's failures are forgotten after a day without one; its longest wait is as long. */
	static final Duration PAIR_MEMORY = Duration.ofDays(1);

	private final SignInAttempts attempts;
	private final AccountSettings settings;
	private final Clock clock;

	SignInThrottle(SignInAttempts attempts, AccountSettings settings, Clock clock) {
		this.attempts = attempts;
		this.settings = settings;
		this.clock = clock;
	}

	/** @throws TooManyAttemptsException when this username from this address, or this address, must wait */
	public void check(String username, String clientAddress) {
		Instant now = clock.instant();
		Duration wait = max(pairWait(attempts.failures(pairKey(username, clientAddress), now, PAIR_MEMORY), now),
				addressWait(attempts.failures(addressKey(clientAddress), now, settings.lockout()), now));
		if (!wait.isNegative() && !wait.isZero()) {
			throw new TooManyAttemptsException(wait);
		}
	}

	public void failed(String username, String clientAddress) {
		Instant now = clock.instant();
		attempts.failed(pairKey(username, clientAddress), now, PAIR_MEMORY);
		attempts.failed(addressKey(clientAddress), now, settings.lockout());
	}

	public void succeeded(String username, String clientAddress) {
		attempts.clear(pairKey(username, clientAddress));
	}

	/** Every {@code maxFailedSignIns}-th failure starts a wait twice as long as the one before. */
	private Duration pairWait(Optional<Failures> failures, Instant now) {
		if (failures.isEmpty() || failures.get().count() < settings.maxFailedSignIns()) {
			return Duration.ZERO;
		}
		long runs = failures.get().count() / settings.maxFailedSignIns();
		Duration wait = settings.lockout().multipliedBy(1L << Math.min(runs - 1, 16));
		wait = wait.compareTo(PAIR_MEMORY) > 0 ? PAIR_MEMORY : wait;
		return Duration.between(now, failures.get().last().plus(wait));
	}

	private Duration addressWait(Optional<Failures> failures, Instant now) {
		if (failures.isEmpty() || failures.get().count() < settings.maxFailedSignInsPerAddress()) {
			return Duration.ZERO;
		}
		return Duration.between(now, failures.get().last().plus(settings.lockout()));
	}

	private static String pairKey(String username, String clientAddress) {
		return "pair:" + clip(User.key(username)) + "|" + clip(clientAddress);
	}

	private static String addressKey(String clientAddress) {
		return "address:" + clip(clientAddress);
	}

	/** Keys stay short whatever was typed as the username: 64 characters are all a username can have. */
	private static String clip(String text) {
		String value = text == null ? "" : text;
		return value.length() <= 128 ? value : value.substring(0, 128);
	}

	private static Duration max(Duration a, Duration b) {
		return a.compareTo(b) >= 0 ? a : b;
	}
}
