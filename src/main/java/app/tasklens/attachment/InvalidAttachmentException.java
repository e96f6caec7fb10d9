package app.tasklens.attachment;

/** A request to attach an image that breaks a rule; {@code field} names the input at fault. */
public class InvalidAttachmentException extends RuntimeException {

	private final String field;

	public InvalidAttachmentException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}
}
