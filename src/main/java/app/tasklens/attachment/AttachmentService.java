package app.tasklens.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tasklens.task.TaskDeleted;
import app.tasklens.task.TaskNotFoundException;
import app.tasklens.task.Tasks;

/** Reading, relabeling and deleting attachments; deleting a task deletes its attachments. */
@Service
public class AttachmentService {

	/** How long a direct download link from the store works. */
	private static final Duration DOWNLOAD_TTL = Duration.ofMinutes(5);

	private final Tasks tasks;
	private final Attachments attachments;
	private final ObjectStore store;
	private final Thumbnails thumbnails;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	AttachmentService(Tasks tasks, Attachments attachments, ObjectStore store, Thumbnails thumbnails,
			ApplicationEventPublisher events, Clock clock) {
		this.tasks = tasks;
		this.attachments = attachments;
		this.store = store;
		this.thumbnails = thumbnails;
		this.events = events;
		this.clock = clock;
	}

	/** The task's attachments, oldest first. */
	public List<Attachment> list(String ownerId, String taskId) {
		tasks.find(ownerId, taskId).orElseThrow(TaskNotFoundException::new);
		return attachments.listByTask(ownerId, taskId);
	}

	public Attachment get(String ownerId, String taskId, String attachmentId) {
		return attachments.find(ownerId, taskId, attachmentId).orElseThrow(AttachmentNotFoundException::new);
	}

	/** Label the image again, for example after a failure. */
	@Transactional
	public Attachment relabel(String ownerId, String taskId, String attachmentId) {
		Attachment attachment = get(ownerId, taskId, attachmentId);
		attachment.relabel(clock.instant());
		attachments.update(attachment);
		attachment.releaseEvents().forEach(events::publishEvent);
		return attachment;
	}

	/** Deletes the attachment now and its image and thumbnail right after the commit. */
	@Transactional
	public void delete(String ownerId, String taskId, String attachmentId) {
		remove(get(ownerId, taskId, attachmentId));
	}

	/** Runs inside the transaction that deletes the task, before the task's row goes. */
	@EventListener
	void on(TaskDeleted deleted) {
		attachments.listByTask(deleted.ownerId(), deleted.taskId()).forEach(this::remove);
	}

	private void remove(Attachment attachment) {
		attachment.delete();
		attachments.remove(attachment);
		attachment.releaseEvents().forEach(events::publishEvent);
	}

	/** A link the client may follow to fetch the image from the store, when the store has such links. */
	public Optional<SignedRequest> directDownload(Attachment attachment) {
		requireImage(attachment);
		return store.downloadTarget(attachment.objectKey(), attachment.type().mediaType(), attachment.filename(),
				clock.instant().plus(DOWNLOAD_TTL));
	}

	/** The original bytes. */
	public InputStream openImage(Attachment attachment) throws IOException {
		requireImage(attachment);
		return store.open(attachment.objectKey()).orElseThrow(AttachmentNotFoundException::new);
	}

	/** A JPEG of at most the thumbnail size, made on first use and kept. */
	public InputStream openThumbnail(Attachment attachment) throws IOException {
		requireImage(attachment);
		return thumbnails.open(attachment);
	}

	/**
	 * A link the client may follow to fetch the thumbnail from the store, when the store has such links;
	 * the thumbnail is made first if it does not exist yet.
	 */
	public Optional<SignedRequest> directThumbnail(Attachment attachment) throws IOException {
		requireImage(attachment);
		if (store.clientOrigin().isEmpty()) {
			return Optional.empty();
		}
		thumbnails.ensure(attachment);
		return store.downloadTarget(attachment.thumbnailKey(), "image/jpeg", thumbnailName(attachment),
				clock.instant().plus(DOWNLOAD_TTL));
	}

	private static String thumbnailName(Attachment attachment) {
		String name = attachment.filename();
		int dot = name.lastIndexOf('.');
		return (dot > 0 ? name.substring(0, dot) : name) + " (thumbnail).jpg";
	}

	private static void requireImage(Attachment attachment) {
		if (!attachment.hasImage()) {
			throw new AttachmentNotFoundException();
		}
	}
}
