package app.tasklens.task;

/** A task that would break a rule; {@code field} names the input at fault. */
public class InvalidTaskException extends RuntimeException {

	private final String field;

	public InvalidTaskException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}
}
