package app.tasklens.account;

import java.time.Instant;

/**
 * An invite link to sign up with, while sign-up is by invitation: usable once, until it expires, unless its
 * maker revokes it (which deletes it). Only the SHA-256 of the link's secret is kept, so the link itself is
 * shown once, when it is made.
 *
 * @param usedBy the username of the account made with it, null while unused
 */
public record Invite(String id, String tokenHash, String createdBy, Instant createdAt, Instant expiresAt,
		String usedBy, Instant usedAt) {

	public enum State {
		OPEN, USED, EXPIRED
	}

	public State state(Instant now) {
		if (usedAt != null) {
			return State.USED;
		}
		return expiresAt.isAfter(now) ? State.OPEN : State.EXPIRED;
	}
}
