package app.tasklens.web;

/** Recognises a failure whose cause is a full disk, as SQLite and the file system report it. */
public final class DiskFull {

	/** What a user is told. */
	public static final String MESSAGE = "the server's storage is full; nothing was saved. Deleting images or tasks"
			+ " frees space.";

	private DiskFull() {
	}

	public static boolean causes(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage());
			if (message.contains("SQLITE_FULL") || message.contains("database or disk is full")
					|| message.contains("No space left on device")) {
				return true;
			}
		}
		return false;
	}
}
