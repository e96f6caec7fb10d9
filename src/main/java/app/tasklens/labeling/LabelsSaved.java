package app.tasklens.labeling;

/**
 * An attachment's labels changed: the detector's were saved (it is LABELED), or the user edited them.
 * Published inside the transaction that saved them; {@code labels} are those the user sees.
 */
public record LabelsSaved(String ownerId, String taskId, String attachmentId, ImageLabels labels) {

	/** The labels shown, in the detector's shape. */
	public LabelDetection detection() {
		return labels.asDetection();
	}
}
