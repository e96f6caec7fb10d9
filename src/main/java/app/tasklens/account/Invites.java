package app.tasklens.account;

import java.time.Instant;
import java.util.List;

/** The invite links (port). */
public interface Invites {

	void add(Invite invite);

	/** The invites {@code userId} made, newest first. */
	List<Invite> madeBy(String userId);

	/**
	 * Marks the invite whose secret hashes to {@code tokenHash} as used by {@code username}, atomically: of two
	 * sign-ups with one link, one gets it.
	 *
	 * @return false when there is no such invite, or it is used or expired at {@code now}
	 */
	boolean use(String tokenHash, String username, Instant now);

	/** Whether an invite with this hash exists, unused and unexpired at {@code now}. */
	boolean usable(String tokenHash, Instant now);

	/**
	 * Deletes an unused invite that {@code userId} made.
	 *
	 * @return false when they made no such invite or it is used already
	 */
	boolean revoke(String id, String userId);
}
