package app.tasklens.attachment;

/** No such attachment on this task for this user: missing and someone else's look the same. */
public class AttachmentNotFoundException extends RuntimeException {

	public AttachmentNotFoundException() {
		super("attachment not found");
	}
}
