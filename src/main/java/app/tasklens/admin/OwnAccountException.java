package app.tasklens.admin;

/** An admin tried to take away their own admin right or to disable their own account. */
public class OwnAccountException extends RuntimeException {

	OwnAccountException() {
		super("You cannot change your own account here: another admin can.");
	}
}
