package app.tasklens.attachment;

/** An upload URL that was not made by this server, has expired, or was already used. */
public class UploadUrlRejectedException extends RuntimeException {

	public UploadUrlRejectedException(String message) {
		super(message);
	}
}
