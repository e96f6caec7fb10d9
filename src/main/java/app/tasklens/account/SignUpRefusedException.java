package app.tasklens.account;

/** Sign-up is closed here, or needs an invite link that was not given or cannot be used. */
public class SignUpRefusedException extends RuntimeException {

	public static final String CLOSED = "Sign-up is closed on this server. Ask its administrator for an account.";
	public static final String INVITE_REQUIRED = "Sign-up on this server is by invitation only."
			+ " Ask someone who uses it for an invite link.";
	public static final String INVITE_UNUSABLE = "This invite link cannot be used: it was used already, revoked"
			+ " or has expired. Ask for a new one.";

	private SignUpRefusedException(String message) {
		super(message);
	}

	static SignUpRefusedException closed() {
		return new SignUpRefusedException(CLOSED);
	}

	static SignUpRefusedException inviteRequired() {
		return new SignUpRefusedException(INVITE_REQUIRED);
	}

	static SignUpRefusedException inviteUnusable() {
		return new SignUpRefusedException(INVITE_UNUSABLE);
	}
}
