package app.tasklens.labeling;

import java.time.Clock;
import java.util.function.UnaryOperator;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentNotFoundException;
import app.tasklens.attachment.Attachments;

/**
 * The user's last word on an image's labels: remove a wrong one, add one by hand. The edit is saved with
 * the attachment's new state in one transaction, so it is ordered with labeling (a relabel started
 * meanwhile makes one of the two a conflict, never a lost edit), and published like saved labels.
 */
@Service
public class EditLabels {

	private final Attachments attachments;
	private final AttachmentLabels labels;
	private final LabelVocabulary vocabulary;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	EditLabels(Attachments attachments, AttachmentLabels labels, LabelVocabulary vocabulary,
			ApplicationEventPublisher events, Clock clock) {
		this.attachments = attachments;
		this.labels = labels;
		this.vocabulary = vocabulary;
		this.events = events;
		this.clock = clock;
	}

	/** @return the labels shown now */
	@Transactional
	public ImageLabels add(String ownerId, String taskId, String attachmentId, String name) {
		return edit(ownerId, taskId, attachmentId, shown -> shown.adding(name, vocabulary));
	}

	/** @return the labels shown now */
	@Transactional
	public ImageLabels remove(String ownerId, String taskId, String attachmentId, String name) {
		return edit(ownerId, taskId, attachmentId, shown -> shown.removing(name));
	}

	private ImageLabels edit(String ownerId, String taskId, String attachmentId, UnaryOperator<ImageLabels> change) {
		Attachment attachment = attachments.find(ownerId, taskId, attachmentId)
			.orElseThrow(AttachmentNotFoundException::new);
		attachment.labelsEdited(clock.instant());
		ImageLabels changed = change.apply(labels.find(attachmentId).orElse(ImageLabels.of(null, LabelEdits.none())));
		attachments.update(attachment);
		labels.edit(attachment, changed.edits(), clock.instant());
		events.publishEvent(new LabelsSaved(ownerId, taskId, attachmentId, changed));
		return changed;
	}
}
