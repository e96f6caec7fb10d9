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

import app.tasklens.task.CursorSeal;
import app.tasklens.task.InvalidCursorException;
import app.tasklens.task.InvalidTaskException;
import app.tasklens.task.TaskDeleted;
import app.tasklens.task.TaskNotFoundException;
import app.tasklens.task.Tasks;

/** Reading, relabeling and deleting attachments; deleting a task deletes its attachments. */
@Service
public class AttachmentService {

	/** How long a direct download link from the store works. */
	private static final Duration DOWNLOAD_TTL = Duration.ofMinutes(5);

	/** The gallery's cursors are sealed for it: a task list's cursor does not open as one. */
	private static final String IMAGES = "images";

	private final Tasks tasks;
	private final Attachments attachments;
	private final ObjectStore store;
	private final Thumbnails thumbnails;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final CursorSeal cursors;

	AttachmentService(Tasks tasks, Attachments attachments, ObjectStore store, Thumbnails thumbnails,
			ApplicationEventPublisher events, Clock clock, CursorSeal cursors) {
		this.tasks = tasks;
		this.attachments = attachments;
		this.store = store;
		this.thumbnails = thumbnails;
		this.events = events;
		this.clock = clock;
		this.cursors = cursors;
	}

	/** The task's attachments, oldest first. */
	public List<Attachment> list(String ownerId, String taskId) {
		tasks.find(ownerId, taskId).orElseThrow(TaskNotFoundException::new);
		return attachments.listByTask(ownerId, taskId);
	}

	/** A page of the user's images across their tasks (the gallery); its {@code nextCursor} is sealed for them. */
	public ImagePage images(String ownerId, ImageQuery query) {
		ImagePage page = attachments.images(ownerId, query);
		return new ImagePage(page.items(), cursors.seal(IMAGES, ownerId, page.nextCursor()));
	}

	/**
	 * The position named by a {@code nextCursor} that {@link #images} gave this user.
	 *
	 * @throws app.tasklens.task.InvalidCursorException for any other text, a task list's cursor included
	 */
	public ImageQuery.Cursor imageCursor(String ownerId, String nextCursor) {
		try {
			return ImageQuery.Cursor.parse(cursors.open(IMAGES, ownerId, nextCursor));
		}
		catch (InvalidTaskException ex) {
			throw new InvalidCursorException();
		}
	}

	/**
	 * The image {@code attachmentId} among the user's images matching {@code query} (its position aside): the
	 * one before and after it and where it stands, for the viewer opened from the gallery. Empty when it does
	 * not match (any more).
	 */
	public Optional<Around> around(String ownerId, String attachmentId, ImageQuery query) {
		Optional<Attachment> found = attachments.findById(attachmentId)
			.filter(image -> image.ownerId().equals(ownerId) && image.hasImage());
		if (found.isEmpty()) {
			return Optional.empty();
		}
		ImageQuery.Cursor at = ImageQuery.Cursor.of(found.get());
		ImageQuery all = query.from(null, ImageQuery.Direction.OLDER, 1);
		int newer = attachments.countImages(ownerId, all.from(at, ImageQuery.Direction.NEWER, 1));
		int count = attachments.countImages(ownerId, all);
		int older = attachments.countImages(ownerId, all.from(at, ImageQuery.Direction.OLDER, 1));
		if (newer + older + 1 != count) {
			return Optional.empty(); // it does not match the query itself
		}
		Attachment previous = first(attachments.images(ownerId, all.from(at, ImageQuery.Direction.NEWER, 1)));
		Attachment next = first(attachments.images(ownerId, all.from(at, ImageQuery.Direction.OLDER, 1)));
		return Optional.of(new Around(previous, next, newer + 1, count));
	}

	/**
	 * @param previous the newer neighbour, or {@code null} at the newest
	 * @param next the older neighbour, or {@code null} at the oldest
	 * @param position 1-based, of {@code count}
	 */
	public record Around(Attachment previous, Attachment next, int position, int count) {
	}

	private static Attachment first(ImagePage page) {
		return page.items().isEmpty() ? null : page.items().get(0);
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
