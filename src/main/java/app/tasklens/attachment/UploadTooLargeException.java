package app.tasklens.attachment;

/** More bytes than allowed: declared up front, or found while streaming (then the upload stops there). */
public class UploadTooLargeException extends RuntimeException {

	private final long maxBytes;

	public UploadTooLargeException(long maxBytes) {
		super("the image is larger than " + maxBytes + " bytes");
		this.maxBytes = maxBytes;
	}

	public long maxBytes() {
		return maxBytes;
	}
}
