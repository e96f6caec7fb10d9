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

	/**
	 * The image opened, with the task's images before and after it; one whose bytes never arrived is not
	 * found, there is nothing to show.
	 */
	AttachmentView view(String ownerId, String taskId, String attachmentId) {
		Attachment attachment = attachments.get(ownerId, taskId, attachmentId);
		if (!attachment.hasImage()) {
			throw new AttachmentNotFoundException();
		}
		List<Attachment> shown = attachments.list(ownerId, taskId).stream().filter(Attachment::hasImage).toList();
		return AttachmentView.of(attachment, labels.find(attachment.id()).orElse(null),
				neighbours(shown, attachmentId, "this task", ""));
	}

	/** @param query added to the viewer's address of each neighbour ({@code ?from=images…}), or empty */
	static AttachmentView.Neighbours neighbours(List<Attachment> shown, String attachmentId, String within,
			String query) {
		int at = -1;
		for (int index = 0; index < shown.size(); index++) {
			if (shown.get(index).id().equals(attachmentId)) {
				at = index;
			}
		}
		if (at < 0) {
			return AttachmentView.Neighbours.NONE;
		}
		return new AttachmentView.Neighbours(at > 0 ? viewUrl(shown.get(at - 1), query) : null,
				at + 1 < shown.size() ? viewUrl(shown.get(at + 1), query) : null, at + 1, shown.size(), within);
	}

	private static String viewUrl(Attachment attachment, String query) {
		return "/tasks/" + attachment.taskId() + "/attachments/" + attachment.id() + "/view" + query;
	}
}
