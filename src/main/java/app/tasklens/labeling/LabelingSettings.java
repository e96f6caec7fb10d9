package app.tasklens.labeling;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The labeling workers.
 *
 * @param workers threads that label at once; 0 means one per core (inference is CPU-bound)
 * @param maxAttempts tries per image before it is FAILED; an unreadable image fails at once
 * @param retriesAfterCrash tries of an image after a process died while labeling it, each alone on its
 *        node; beyond them it is FAILED at once. One: a {@code kill -9} or a lost node takes every job it
 *        held, and those beside the culprit must still be labeled, while an image that kills the process
 *        again when it runs alone is the culprit (a WebP bomb killed every restart until its attempts ran
 *        out); 0 fails every image that was in flight at a crash
 * @param retryBackoff wait before the second try, doubled before each further one
 * @param lease how long a claimed job is a worker's; renewed every third of it while the worker runs,
 *        so it only runs out when the worker died, and then another worker takes the job
 * @param modelWait while the detector is missing its models, how long an image waits (PENDING_MODEL) before
 *        it is tried again; waiting uses up none of its tries
 * @param pollInterval the longest a worker sleeps; new work wakes it at once, this is the fallback
 * @param maxLabels labels kept per image
 * @param minConfidence labels below this confidence (0–100) are dropped
 * @param background run the worker threads; false where the process lives only while it answers an event
 *        (a Lambda function), which labels with {@code LabelingWorker.drain} instead
 */
@ConfigurationProperties("tasklens.labeling")
record LabelingSettings(
		@DefaultValue("0") int workers,
		@DefaultValue("3") int maxAttempts,
		@DefaultValue("1") int retriesAfterCrash,
		@DefaultValue("2s") Duration retryBackoff,
		@DefaultValue("30s") Duration lease,
		@DefaultValue("5s") Duration modelWait,
		@DefaultValue("5s") Duration pollInterval,
		@DefaultValue("50") int maxLabels,
		@DefaultValue("55") double minConfidence,
		@DefaultValue("true") boolean background) {

	LabelingSettings {
		if (workers <= 0) {
			workers = Runtime.getRuntime().availableProcessors();
		}
		if (maxAttempts < 1 || retriesAfterCrash < 0) {
			throw new IllegalArgumentException(
					"tasklens.labeling.max-attempts must be at least 1, retries-after-crash not negative");
		}
		if (lease.toMillis() < 300 || pollInterval.toMillis() < 1 || modelWait.toMillis() < 1 || retryBackoff.isNegative()) {
			throw new IllegalArgumentException("tasklens.labeling.lease must be at least 300ms, poll-interval and"
					+ " model-wait positive, retry-backoff not negative");
		}
	}

	DetectOptions detectOptions() {
		return DetectOptions.defaults().withMaxLabels(maxLabels).withMinConfidence(minConfidence);
	}

	/** The wait after failed attempt {@code attempt} (1, 2, …): backoff, 2 × backoff, 4 × backoff… */
	Duration backoffAfter(int attempt) {
		return retryBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
	}
}
