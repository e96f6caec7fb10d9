package app.tasklens.account;

/** A sign-up that breaks a rule; {@code field} names the input at fault. */
public class InvalidAccountException extends RuntimeException {

	private final String field;

	public InvalidAccountException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}
}
