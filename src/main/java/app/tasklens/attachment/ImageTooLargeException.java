package app.tasklens.attachment;

/** More pixels than allowed, read from the header before anything decodes the image. */
public class ImageTooLargeException extends RuntimeException {

	public ImageTooLargeException(String message) {
		super(message);
	}
}
