package app.tasklens.aws;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;

import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentStatus;
import app.tasklens.attachment.AttachmentUploads;
import app.tasklens.attachment.Attachments;
import app.tasklens.labeling.LabelingWorker;

/**
 * What the object-created function does with an S3 event, as a bean: every record's object goes to the same
 * {@code objectCreated(key, size)} use case the local store calls (which marks the attachment UPLOADED and
 * records its labeling job, or REJECTED, and changes nothing for a late, repeated or foreign object), then the
 * due labeling jobs are labeled here ({@link LabelingWorker#drain}), with the workers' own retries.
 *
 * <p>When an image of the event is still waiting for labels afterwards (its job backs off after a failure, or
 * is not yet visible), the event fails so that Lambda delivers it again later; after Lambda's last retry it
 * goes to the dead-letter queue. An event without records (the function's schedule) only labels what is due.
 */
@Component
class ObjectCreatedEvents {

	private static final Logger log = LoggerFactory.getLogger(ObjectCreatedEvents.class);
	/** Kept for the answer to Lambda: the function's timeout must not cut a labeling short. */
	private static final Duration RESERVE = Duration.ofSeconds(10);

	private final AttachmentUploads uploads;
	private final Attachments attachments;
	private final LabelingWorker labeling;
	private final Clock clock;

	ObjectCreatedEvents(AttachmentUploads uploads, Attachments attachments, LabelingWorker labeling, Clock clock) {
		this.uploads = uploads;
		this.attachments = attachments;
		this.labeling = labeling;
		this.clock = clock;
	}

	/** @param remaining the time the invocation has left */
	void handle(S3Event event, Duration remaining) {
		List<Attachment> created = new ArrayList<>();
		List<String> failed = new ArrayList<>();
		if (event != null && event.getRecords() != null) {
			for (S3EventNotificationRecord record : event.getRecords()) {
				if (record.getEventName() == null || !record.getEventName().startsWith("ObjectCreated")) {
					continue;
				}
				// S3 sends keys URL-encoded: a space as '+', a '/' in a name as %2F.
				String key = record.getS3().getObject().getUrlDecodedKey();
				Long size = record.getS3().getObject().getSizeAsLong();
				try {
					uploads.objectCreated(key, size == null ? 0 : size).ifPresent(created::add);
				}
				catch (IOException | RuntimeException ex) {
					log.warn("object {} could not be handled; the event is delivered again", key, ex);
					failed.add(key);
				}
			}
		}
		int labeled = labeling.drain(clock.instant().plus(remaining.minus(RESERVE)));
		List<String> waiting = created.stream()
			.filter(attachment -> attachments.findById(attachment.id())
				.filter(now -> now.version() == attachment.version())
				.map(now -> now.status() == AttachmentStatus.UPLOADED || now.status() == AttachmentStatus.LABELING)
				.orElse(false))
			.map(Attachment::objectKey)
			.toList();
		log.info("object-created event: {} images stored, {} labeling jobs done", created.size(), labeled);
		if (!failed.isEmpty() || !waiting.isEmpty()) {
			throw new IllegalStateException("not finished, to be delivered again: objects " + failed
					+ " failed, images " + waiting + " still waiting for labels");
		}
	}

}
