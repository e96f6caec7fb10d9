package app.tasklens.attachment;

/**
 * An attachment's image is stored ("object created") or the user asked to label it again: label
 * {@code version} of it. Published inside the transaction that changed the attachment, so that the
 * request is recorded with it or not at all.
 */
public record LabelingRequested(String ownerId, String taskId, String attachmentId, int version) {
}
