package app.tasklens.decoding;

/**
 * Decoding this image would need more memory than the server's whole decoding budget: it is refused before
 * any pixel is allocated. Trying again will not help; the message says why in numbers.
 */
public class ImageTooLargeToDecodeException extends RuntimeException {

	public ImageTooLargeToDecodeException(String message) {
		super(message);
	}
}
