package app.tasklens.account;

/** An invite was asked for while sign-up is not by invitation: it would have no use. */
public class InvitesOffException extends RuntimeException {

	InvitesOffException(SignUpMode mode) {
		super(mode == SignUpMode.OPEN ? "Invite links are not needed: anyone can sign up on this server."
				: "Invite links are off: sign-up is closed on this server.");
	}
}
