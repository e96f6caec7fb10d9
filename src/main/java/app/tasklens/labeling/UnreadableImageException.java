package app.tasklens.labeling;

/** The bytes are not an image that can be decoded (corrupt, truncated, unsupported); retrying will not help. */
public class UnreadableImageException extends RuntimeException {

	public UnreadableImageException(String message) {
		super(message);
	}

	public UnreadableImageException(String message, Throwable cause) {
		super(message, cause);
	}
}
