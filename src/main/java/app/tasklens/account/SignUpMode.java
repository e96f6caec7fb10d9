package app.tasklens.account;

/**
 * Who may make an account ({@code tasklens.account.sign-up}). Whatever the mode, the first account of a
 * server can always be made, without an invite: it is the operator's (an admin), and nobody could invite
 * anyone before it exists.
 */
public enum SignUpMode {
	/** Anyone who reaches the server. */
	OPEN,
	/** Only through an invite link that a signed-in user made. */
	INVITE,
	/** Nobody after the first account. */
	CLOSED
}
