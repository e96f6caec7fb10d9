package app.tasklens.labeling;

/**
 * A claimed piece of labeling work: label {@code version} of an attachment. {@code attempts} counts this
 * claim; a claim whose worker died counts too.
 */
public record LabelingJob(String id, String attachmentId, int version, int attempts, String lastError) {
}
