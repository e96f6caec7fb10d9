package app.tasklens.account;

/** The user already has as many access keys as one may have. */
public class TooManyAccessKeysException extends RuntimeException {

	public TooManyAccessKeysException(int max) {
		super("you have " + max + " access keys, the most one may have; revoke one first");
	}
}
