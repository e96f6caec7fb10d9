package app.tasklens.labeling;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.tasklens.attachment.Attachment;

/**
 * The labels of each attachment (port): what the detector found for the current version and what the user
 * changed ({@link LabelEdits}, kept across versions), read together as {@link ImageLabels}. Beside them
 * the adapter keeps what finds the image, from the labels as shown: the label filter's terms (every name
 * and parent, lower case) and the search words of {@code q} ({@link ImageLabels#searchWords()}).
 */
public interface AttachmentLabels {

	/**
	 * Replaces whatever the detector had found, in one step: saving twice leaves one label set. The user's
	 * edits stay and apply to the new labels.
	 *
	 * @return the labels as shown, edits applied
	 */
	ImageLabels replace(Attachment attachment, LabelDetection detection, Instant labeledAt);

	/**
	 * Removes the detector's labels of versions before {@code version}; a repeated request for one version
	 * keeps its labels. The user's edits stay.
	 */
	void removeBefore(String attachmentId, int version);

	/** Stores the user's edits of the attachment's labels, and what finds it from then on. */
	void edit(Attachment attachment, LabelEdits edits, Instant editedAt);

	/** Empty when the image has neither detected labels nor edits. */
	Optional<ImageLabels> find(String attachmentId);

	/** By attachment id; only the task's images that have labels or edits. */
	Map<String, ImageLabels> findByTask(String taskId);

	/**
	 * The names and parents of the owner's images' labels (as shown) that start with {@code prefix}, compared
	 * as search terms are, most images first, at most {@code limit}.
	 */
	List<LabelCount> suggest(String ownerId, String prefix, int limit);
}
