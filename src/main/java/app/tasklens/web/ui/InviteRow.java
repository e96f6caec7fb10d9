package app.tasklens.web.ui;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import app.tasklens.account.Invite;

/** One invite link as the account page lists it; times in UTC, as the server cannot know the reader's zone. */
record InviteRow(String id, String state, String made, String expires, boolean revocable) {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	static List<InviteRow> of(List<Invite> invites, Clock clock) {
		Instant now = clock.instant();
		return invites.stream().map(invite -> {
			Invite.State state = invite.state(now);
			String text = switch (state) {
				case OPEN -> "Not used yet";
				case USED -> "Used by " + invite.usedBy();
				case EXPIRED -> "Expired";
			};
			return new InviteRow(invite.id(), text, TIME.format(invite.createdAt()), TIME.format(invite.expiresAt()),
					state == Invite.State.OPEN);
		}).toList();
	}
}
