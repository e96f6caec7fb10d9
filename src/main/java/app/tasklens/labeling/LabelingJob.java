package app.tasklens.labeling;

/**
 * A claimed piece of labeling work: label {@code version} of an attachment.
 *
 * @param attempts claims of this job, this one included
 * @param crashes earlier claims that ended with their worker's process dying while it held the job (the
 *        lease ran out with an owner); they are also counted in {@code attempts}
 */
public record LabelingJob(String id, String attachmentId, int version, int attempts, int crashes, String lastError) {

	/** Earlier claims that ended in an ordinary failure, retried with backoff. */
	public int failures() {
		return attempts - 1 - crashes;
	}
}
