package app.tasklens.web.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentNotFoundException;
import app.tasklens.attachment.AttachmentService;
import app.tasklens.attachment.ImagePage;
import app.tasklens.attachment.ImageQuery;
import app.tasklens.labeling.AttachmentLabels;
import app.tasklens.labeling.ImageLabels;
import app.tasklens.task.TaskNotFoundException;
import app.tasklens.task.TaskService;

/** Reads a user's attachments with their labels, as the cards and the viewer of the pages show them. */
@Component
class AttachmentCards {

	private final AttachmentService attachments;
	private final AttachmentLabels labels;
	private final TaskService tasks;

	AttachmentCards(AttachmentService attachments, AttachmentLabels labels, TaskService tasks) {
		this.attachments = attachments;
		this.labels = labels;
		this.tasks = tasks;
	}

	/** An image of the gallery and the title of its task. Public for the template. */
	record GalleryCard(AttachmentCard card, String taskTitle) {
	}

	/** A page of the gallery and the address of the next one ({@code null} on the last). */
	record Gallery(List<GalleryCard> cards, String nextPage) {
	}

	/** A page of the user's images across their tasks, newest first, as {@code filter} asks. */
	Gallery gallery(String ownerId, ImageFilter filter) {
		ImageQuery.Cursor from = filter.paged() ? attachments.imageCursor(ownerId, filter.after()) : null;
		ImagePage page = attachments.images(ownerId, filter.query(from));
		Map<String, Optional<String>> titles = new HashMap<>();
		List<GalleryCard> cards = new ArrayList<>();
		for (Attachment image : page.items()) {
			// A task deleted since the images were read takes its images along: they are left out.
			titles.computeIfAbsent(image.taskId(), taskId -> title(ownerId, taskId))
				.ifPresent(title -> cards.add(new GalleryCard(
						AttachmentCard.of(image, labels.find(image.id()).orElse(null)), title)));
		}
		return new Gallery(cards, page.nextCursor() == null ? null : filter.pageAfter(page.nextCursor()));
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

	private Optional<String> title(String ownerId, String taskId) {
		try {
			return Optional.of(tasks.get(ownerId, taskId).title());
		}
		catch (TaskNotFoundException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The image opened from the gallery, with the gallery's images before and after it (in its search and
	 * filter); one that does not match them (any more: its labels changed) steps through its task's images.
	 */
	AttachmentView viewInGallery(String ownerId, String taskId, String attachmentId, ImageFilter filter) {
		Attachment attachment = attachments.get(ownerId, taskId, attachmentId);
		Optional<AttachmentService.Around> around = attachment.hasImage()
				? attachments.around(ownerId, attachmentId, filter.query(null)) : Optional.empty();
		if (around.isEmpty()) {
			return view(ownerId, taskId, attachmentId);
		}
		AttachmentService.Around at = around.get();
		String query = filter.viewerQuery();
		return AttachmentView.of(attachment, labels.find(attachment.id()).orElse(null),
				new AttachmentView.Neighbours(at.previous() == null ? null : viewUrl(at.previous(), query),
						at.next() == null ? null : viewUrl(at.next(), query), at.position(), at.count(),
						filter.within()));
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
