package app.tasklens.attachment;

/** A type other than the accepted ones, declared by the client or found in the bytes. */
public class UnsupportedImageTypeException extends RuntimeException {

	public UnsupportedImageTypeException(String message) {
		super(message);
	}
}
