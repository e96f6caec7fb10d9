package app.tasklens.labeling;

import java.time.Instant;
import java.util.Optional;

/** The outbox of labeling work (port), written in the transaction that stores an image. */
public interface LabelingJobs {

	/** Records the work; recording the same (attachment, version) twice keeps one job. */
	void enqueue(String attachmentId, int version, Instant now);

	/**
	 * Takes the job that is due first and not leased (or whose lease ran out) for {@code worker} until
	 * {@code leaseUntil}, counting an attempt, and a crash when the lease ran out while a worker held it.
	 * Two workers never hold the same job. A job given back ({@link #retryLater}) has no owner: taking it
	 * again is no crash.
	 */
	Optional<LabelingJob> claim(String worker, Instant now, Instant leaseUntil);

	/** @return whether {@code worker} still holds the job */
	boolean renew(String jobId, String worker, Instant leaseUntil);

	/** The work is done (or given up): forget the job if {@code worker} still holds it. */
	void complete(String jobId, String worker);

	/** Gives the job back, to be claimed again at {@code availableAt}. */
	void retryLater(String jobId, String worker, Instant availableAt, String error);

	/**
	 * Gives the job back to be claimed again at {@code availableAt} without counting this claim as an
	 * attempt: it could not run for a reason of the server's (its models are missing), not of the image's.
	 */
	void postpone(String jobId, String worker, Instant availableAt);

	/** When the next job becomes claimable (due, or its lease runs out); empty when there are none. */
	Optional<Instant> nextDue();
}
