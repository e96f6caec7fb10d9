package app.tasklens.attachment;

/** The bytes are not an image this server accepts: empty, another format, cut short or malformed. */
public class InvalidImageException extends RuntimeException {

	public enum Reason {
		EMPTY, UNSUPPORTED_TYPE, TRUNCATED, CORRUPT
	}

	private final Reason reason;

	public InvalidImageException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}
}
