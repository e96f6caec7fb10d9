package app.tasklens.attachment;

/** The object that arrived was not an acceptable image; the attachment is REJECTED and says why. */
public class UploadRejectedException extends RuntimeException {

	public UploadRejectedException(String reason) {
		super(reason);
	}
}
