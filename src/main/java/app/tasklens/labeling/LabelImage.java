package app.tasklens.labeling;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentStatus;
import app.tasklens.attachment.Attachments;
import app.tasklens.attachment.ObjectStore;
import app.tasklens.decoding.ImageTooLargeToDecodeException;

/**
 * The one labeling use case, called by the local worker and, deployed on AWS, by a function triggered by
 * the object-created event: label version {@code v} of an attachment's image and save the result.
 *
 * <p>Idempotent: an attachment that is gone, at another version, or already LABELED or FAILED for this
 * version is left as it is, so a repeated or late event changes nothing and never brings a deleted
 * attachment back. Detection runs outside any transaction; the result is saved only if the attachment
 * is still at this version and LABELING when it is done.
 *
 * <p>When the detector's models are missing the attachment becomes PENDING_MODEL and the
 * {@link ModelsMissingException} goes on to the caller, which tries again later without counting a failure. An image the detector cannot read, or that is too large to decode within the server's budget, fails
 * at once. Any other exception (detector unavailable, store
 * not readable) is left to the caller, which retries and finally calls {@link #fail}.
 */
@Service
public class LabelImage {

	public enum Outcome {
		/** Labels saved. */
		LABELED,
		/** The image cannot be labeled; the attachment says why. */
		FAILED,
		/** Nothing to do: deleted, stale, or already done. */
		SKIPPED
	}

	private final Attachments attachments;
	private final AttachmentLabels labels;
	private final ObjectStore store;
	private final LabelDetector detector;
	private final DetectOptions options;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transactions;
	private final Clock clock;

	LabelImage(Attachments attachments, AttachmentLabels labels, ObjectStore store, LabelDetector detector,
			LabelingSettings settings, ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
		this.attachments = attachments;
		this.labels = labels;
		this.store = store;
		this.detector = detector;
		this.options = settings.detectOptions();
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	public Outcome label(String attachmentId, int version) {
		Optional<Attachment> started = transactions.execute(status -> start(attachmentId, version));
		if (started.isEmpty()) {
			return Outcome.SKIPPED;
		}
		Attachment labeling = started.get();
		StoredImage image = new StoredImage(labeling.objectKey(), labeling.type().name(),
				labeling.width() == null ? 0 : labeling.width(), labeling.height() == null ? 0 : labeling.height(),
				() -> read(labeling).orElseThrow(MissingImageException::new));
		LabelDetection detection;
		try {
			detection = detector.detect(image, options);
		}
		catch (MissingImageException ex) {
			return fail(attachmentId, version, "the image file is missing from the store") ? Outcome.FAILED
					: Outcome.SKIPPED;
		}
		catch (UnreadableImageException ex) {
			return fail(attachmentId, version, "the image cannot be read: " + ex.getMessage()) ? Outcome.FAILED
					: Outcome.SKIPPED;
		}
		catch (ModelsMissingException ex) {
			transactions.executeWithoutResult(status -> current(attachmentId, version)
				.filter(attachment -> attachment.waitForModels(clock.instant()))
				.ifPresent(attachment -> {
					attachments.update(attachment);
					attachment.releaseEvents().forEach(events::publishEvent);
				}));
			throw ex;
		}
		catch (ImageTooLargeToDecodeException ex) {
			return fail(attachmentId, version, "the image is too large to label: " + ex.getMessage()) ? Outcome.FAILED
					: Outcome.SKIPPED;
		}
		Boolean saved = transactions.execute(status -> save(attachmentId, version, detection));
		return Boolean.TRUE.equals(saved) ? Outcome.LABELED : Outcome.SKIPPED;
	}

	/**
	 * Gives up on version {@code version}: the attachment becomes FAILED with {@code reason}, unless it is
	 * gone or has moved on.
	 *
	 * @return whether the attachment was marked FAILED
	 */
	public boolean fail(String attachmentId, int version, String reason) {
		return Boolean.TRUE.equals(transactions.execute(status -> current(attachmentId, version)
			.filter(Attachment::isAwaitingLabels)
			.map(attachment -> {
				attachment.failed(reason, clock.instant());
				attachments.update(attachment);
				attachment.releaseEvents().forEach(events::publishEvent);
				return true;
			})
			.orElse(false)));
	}

	private Optional<Attachment> start(String attachmentId, int version) {
		return current(attachmentId, version)
			.filter(Attachment::isAwaitingLabels)
			.map(attachment -> {
				if (attachment.startLabeling(clock.instant())) {
					attachments.update(attachment);
					attachment.releaseEvents().forEach(events::publishEvent);
				}
				return attachment;
			});
	}

	private boolean save(String attachmentId, int version, LabelDetection detection) {
		return current(attachmentId, version)
			.filter(attachment -> attachment.status() == AttachmentStatus.LABELING)
			.map(attachment -> {
				attachment.labeled(clock.instant());
				attachments.update(attachment);
				ImageLabels shown = labels.replace(attachment, detection, clock.instant());
				attachment.releaseEvents().forEach(events::publishEvent);
				events.publishEvent(new LabelsSaved(attachment.ownerId(), attachment.taskId(), attachment.id(), shown));
				return true;
			})
			.orElse(false);
	}

	private Optional<Attachment> current(String attachmentId, int version) {
		return attachments.findById(attachmentId).filter(attachment -> attachment.version() == version);
	}

	/** The stored object is gone: labeling cannot succeed, however often it is tried. */
	private static final class MissingImageException extends RuntimeException {
	}

	private Optional<byte[]> read(Attachment attachment) {
		try {
			Optional<InputStream> object = store.open(attachment.objectKey());
			if (object.isEmpty()) {
				return Optional.empty();
			}
			try (InputStream in = object.get()) {
				return Optional.of(in.readAllBytes());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the image of attachment " + attachment.id(), ex);
		}
	}
}
