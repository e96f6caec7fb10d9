package app.tasklens.web.ui;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentNotFoundException;
import app.tasklens.attachment.AttachmentService;
import app.tasklens.labeling.AttachmentLabels;
import app.tasklens.labeling.ImageLabels;

/** Reads a user's attachments with their labels, as the cards and the viewer of the pages show them. */
@Component
class AttachmentCards {

	private final AttachmentService attachments;
	private final AttachmentLabels labels;

	AttachmentCards(AttachmentService attachments, AttachmentLabels labels) {
		this.attachments = attachments;
		this.labels = labels;
	}

	/** The task's images, oldest first; another user's task is not found. */
	List<AttachmentCard> ofTask(String ownerId, String taskId) {
		List<Attachment> found = attachments.list(ownerId, taskId);
		if (found.isEmpty()) {
			return List.of();
		}
		Map<String, ImageLabels> detections = labels.findByTask(taskId);
		return found.stream().map(attachment -> AttachmentCard.of(attachment, detections.get(attachment.id()))).toList();
	}

	AttachmentCard card(String ownerId, String taskId, String attachmentId) {
		Attachment attachment = attachments.get(ownerId, taskId, attachmentId);
		return AttachmentCard.of(attachment, labels.find(attachment.id()).orElse(null));
	}

	/** The image opened; one whose bytes never arrived is not found, there is nothing to show. */
	AttachmentView view(String ownerId, String taskId, String attachmentId) {
		Attachment attachment = attachments.get(ownerId, taskId, attachmentId);
		if (!attachment.hasImage()) {
			throw new AttachmentNotFoundException();
		}
		return AttachmentView.of(attachment, labels.find(attachment.id()).orElse(null));
	}
}
