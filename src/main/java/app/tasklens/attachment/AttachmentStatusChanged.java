package app.tasklens.attachment;

/** An attachment moved to {@code status}; {@code error} says why when FAILED. Published inside the transaction. */
public record AttachmentStatusChanged(String ownerId, String taskId, String attachmentId, AttachmentStatus status,
		String error) {

	public static AttachmentStatusChanged of(Attachment attachment) {
		return new AttachmentStatusChanged(attachment.ownerId(), attachment.taskId(), attachment.id(),
				attachment.status(), attachment.error());
	}
}
