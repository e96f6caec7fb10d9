package app.tasklens.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts of failed sign-ins under a key (port). {@link SignInThrottle} decides what the counts mean; an
 * adapter only keeps them, so that every node that signs users in reads the same counts: in memory for
 * one node, in the database or DynamoDB for several.
 *
 * <p>Keys are opaque strings of at most 400 characters made by the throttle (such as
 * {@code pair:alice|203.0.113.7} or {@code address:203.0.113.7}). A key's count restarts from zero when
 * its last failure is {@code forgetAfter} old or older; a forgotten key may be deleted at any time.
 */
public interface SignInAttempts {

	/**
	 * Counts one more failure under {@code key} at {@code now}, atomically: two nodes counting at once both
	 * count. The count starts again at 1 when the key's last failure was at or before
	 * {@code now - forgetAfter}.
	 *
	 * @return the count with this failure, and {@code now} as the last failure
	 */
	Failures failed(String key, Instant now, Duration forgetAfter);

	/** The failures counted under {@code key}, empty when there are none or they are forgotten by {@code now}. */
	Optional<Failures> failures(String key, Instant now, Duration forgetAfter);

	/** Forgets the failures under {@code key} (a correct password for that pair). */
	void clear(String key);

	/** How many failures have been counted under one key since it was last forgotten, and when the last was. */
	record Failures(long count, Instant last) {
	}
}
