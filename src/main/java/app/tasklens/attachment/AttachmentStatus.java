package app.tasklens.attachment;

/**
 * Where an attachment is in its life: waiting for its bytes, stored and waiting for labels, being
 * labeled, waiting for the server's models (labeling is paused until an operator puts them in place),
 * labeled, or failed with a reason; or rejected, when the object that arrived was not an acceptable image
 * (it was deleted, {@code error} says why). Relabeling goes from LABELED or FAILED back to UPLOADED.
 */
public enum AttachmentStatus {
	PENDING_UPLOAD, UPLOADED, LABELING, PENDING_MODEL, LABELED, FAILED, REJECTED
}
