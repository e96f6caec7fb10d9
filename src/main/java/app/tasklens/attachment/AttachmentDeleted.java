package app.tasklens.attachment;

/** An attachment was deleted, by itself or with its task. Published inside the transaction. */
public record AttachmentDeleted(String ownerId, String taskId, String attachmentId) {
}
