package app.tasklens.attachment;

import java.util.List;
import java.util.Optional;

/** The attachments of all tasks (port). */
public interface Attachments {

	void add(Attachment attachment);

	/**
	 * Stores the attachment's current state; load, change and save once per transaction.
	 *
	 * @throws ConcurrentAttachmentChangeException when it was changed or deleted since it was loaded
	 */
	void update(Attachment attachment);

	Optional<Attachment> find(String ownerId, String taskId, String attachmentId);

	/** For workers and event handlers, which act for no particular user. */
	Optional<Attachment> findById(String attachmentId);

	/** Oldest first. */
	List<Attachment> listByTask(String ownerId, String taskId);

	/**
	 * The owner's images (attachments with stored bytes) across all their tasks that match {@code query}, in its
	 * direction from its position, at most {@code query.limit()}; the next cursor continues in that direction.
	 * Label filter and search read the labels as shown, the user's edits applied, as the task list does.
	 */
	ImagePage images(String ownerId, ImageQuery query);

	/** How many of the owner's images match {@code query} on its side of its position (its limit aside). */
	int countImages(String ownerId, ImageQuery query);

	/**
	 * Deletes the attachment (with its labels and pending labeling) and records its
	 * {@linkplain Attachment#objectKeys() objects} for deletion in the same transaction; the objects are
	 * deleted after the commit by {@link #objectsToDelete}.
	 */
	void remove(Attachment attachment);

	/**
	 * What one user's attachments take: bytes of stored images (not of pending or rejected uploads, which
	 * have none), and uploads still waiting for their bytes.
	 */
	record Usage(long storedBytes, int pendingUploads) {
	}

	Usage usage(String ownerId);

	/** Attachments still waiting for their bytes (PENDING_UPLOAD) or REJECTED, oldest first. */
	List<Attachment> unfinished(int limit);

	/** Records {@code key} for deletion (by {@link #objectsToDelete}) in the current transaction. */
	void requestObjectDeletion(String key);

	/** Object keys recorded for deletion and not yet deleted. */
	List<String> objectsToDelete(int limit);

	/** The object is gone from the store; forget the record. */
	void objectDeleted(String key);
}
