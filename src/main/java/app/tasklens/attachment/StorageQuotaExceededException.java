package app.tasklens.attachment;

/** The upload would take the user's stored images past their storage quota; the message says the quota. */
public class StorageQuotaExceededException extends RuntimeException {

	private final long quotaBytes;

	public StorageQuotaExceededException(String message, long quotaBytes) {
		super(message);
		this.quotaBytes = quotaBytes;
	}

	public long quotaBytes() {
		return quotaBytes;
	}
}
