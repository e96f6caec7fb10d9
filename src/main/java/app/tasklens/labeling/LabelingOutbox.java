package app.tasklens.labeling;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import app.tasklens.attachment.LabelingRequested;

/**
 * Records each labeling request as a job in the transaction that made it (the outbox), so that a stored
 * image always has its job, even if the process dies right after the commit. The labels of an earlier
 * version go at the same time: an image being relabeled shows no stale labels.
 */
@Component
class LabelingOutbox {

	private final LabelingJobs jobs;
	private final AttachmentLabels labels;
	private final Clock clock;

	LabelingOutbox(LabelingJobs jobs, AttachmentLabels labels, Clock clock) {
		this.jobs = jobs;
		this.labels = labels;
		this.clock = clock;
	}

	@EventListener
	void on(LabelingRequested requested) {
		labels.removeBefore(requested.attachmentId(), requested.version());
		jobs.enqueue(requested.attachmentId(), requested.version(), clock.instant());
	}
}
