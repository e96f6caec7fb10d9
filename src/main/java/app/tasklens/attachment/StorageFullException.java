package app.tasklens.attachment;

/** The server's data folder is full (or would be with this upload): nothing was stored. 507 on the API. */
public class StorageFullException extends RuntimeException {

	public StorageFullException(String message) {
		super(message);
	}

	public StorageFullException(String message, Throwable cause) {
		super(message, cause);
	}
}
