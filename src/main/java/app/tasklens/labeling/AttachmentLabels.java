package app.tasklens.labeling;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import app.tasklens.attachment.Attachment;

/**
 * The labels of each attachment's current version (port), with the search terms the task list filters
 * by: every label name and parent, lower-case.
 */
public interface AttachmentLabels {

	/** Replaces whatever labels the attachment had, in one step: saving twice leaves one label set. */
	void replace(Attachment attachment, LabelDetection detection, Instant labeledAt);

	/** Removes the labels of versions before {@code version}; a repeated request for one version keeps its labels. */
	void removeBefore(String attachmentId, int version);

	Optional<LabelDetection> find(String attachmentId);

	/** By attachment id. */
	Map<String, LabelDetection> findByTask(String taskId);
}
