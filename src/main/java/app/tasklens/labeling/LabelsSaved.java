package app.tasklens.labeling;

/** An attachment is LABELED with {@code detection}. Published inside the transaction that saved it. */
public record LabelsSaved(String ownerId, String taskId, String attachmentId, LabelDetection detection) {
}
