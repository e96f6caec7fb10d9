package app.tasklens.attachment;

/** The attachment changed (or was deleted) between loading and saving it. */
public class ConcurrentAttachmentChangeException extends RuntimeException {

	public ConcurrentAttachmentChangeException(String attachmentId) {
		super("attachment " + attachmentId + " was changed by someone else");
	}
}
