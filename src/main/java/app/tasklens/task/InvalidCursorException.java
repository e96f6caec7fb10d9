package app.tasklens.task;

/**
 * A cursor this server did not give to this user: edited, made up, cut short, or another user's. It is a bad
 * request rather than a rule the task breaks, and it tells nothing about which of these it was.
 */
public class InvalidCursorException extends InvalidTaskException {

	public InvalidCursorException() {
		super("cursor", "cursor is not valid");
	}
}
