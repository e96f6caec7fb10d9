package app.tasklens.attachment;

/** The user already has as many upload URLs waiting for their bytes as allowed. 429 on the API. */
public class TooManyPendingUploadsException extends RuntimeException {

	public TooManyPendingUploadsException(String message) {
		super(message);
	}
}
