package app.tasklens.attachment;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import app.tasklens.Ids;

/**
 * An image attached to a task, and where it is in its labeling:
 *
 * <pre>
 * PENDING_UPLOAD → UPLOADED → LABELING → LABELED
 *       ↓              ↑          ↓ ↑  ↘
 *    REJECTED          │   PENDING_MODEL → FAILED
 *                      └─ relabel ──────┘
 * </pre>
 *
 * The only way to UPLOADED is {@link #objectCreated}: the object store has the bytes and they passed the
 * checks; bytes that did not pass make it REJECTED. PENDING_MODEL: the server is missing its models; the
 * image waits, without using up its tries, and is labeled once they are in place. Each time the image is
 * handed to labeling (upload, relabel) {@link #version()} goes up by one; a labeling result or event for an
 * older version is stale and changes nothing. The object key is made from ids only, never from the
 * client's file name.
 *
 * <p>Each transition registers the events it causes ({@link AttachmentStatusChanged},
 * {@link LabelingRequested}, {@link AttachmentDeleted}); whoever saves the attachment publishes
 * {@link #releaseEvents()} in the same transaction.
 */
public final class Attachment {

	public static final int MAX_FILENAME = 255;
	public static final int MAX_ERROR = 1000;
	/** What a user reads while the image waits for the models; where to put which file is for the operator. */
	public static final String LABELING_PAUSED = "Labeling is paused: the server is missing its models";

	private final String id;
	private final String ownerId;
	private final String taskId;
	private final String filename;
	private final ImageType type;
	private final Instant createdAt;
	private AttachmentStatus status;
	private Long size;
	private Integer width;
	private Integer height;
	private int version;
	private Instant uploadExpiresAt;
	private String error;
	private Instant updatedAt;
	private final int revision;
	private final List<Object> events = new ArrayList<>();

	private Attachment(String id, String ownerId, String taskId, String filename, ImageType type, Instant createdAt,
			AttachmentStatus status, Long size, Integer width, Integer height, int version, Instant uploadExpiresAt,
			String error, Instant updatedAt, int revision) {
		this.id = id;
		this.ownerId = ownerId;
		this.taskId = taskId;
		this.filename = filename;
		this.type = type;
		this.createdAt = createdAt;
		this.status = status;
		this.size = size;
		this.width = width;
		this.height = height;
		this.version = version;
		this.uploadExpiresAt = uploadExpiresAt;
		this.error = error;
		this.updatedAt = updatedAt;
		this.revision = revision;
	}

	/**
	 * A new attachment waiting for its bytes, which must arrive before {@code now + uploadTtl}.
	 *
	 * @param declaredSize the size the client announced, or {@code null}
	 */
	public static Attachment create(String ownerId, String taskId, String filename, ImageType type, Long declaredSize,
			Instant now, Duration uploadTtl) {
		if (!Ids.isWellFormed(ownerId) || !Ids.isWellFormed(taskId)) {
			throw new IllegalArgumentException("owner and task must be ids");
		}
		Instant at = millis(now);
		return new Attachment(Ids.random(), ownerId, taskId, displayName(filename), Objects.requireNonNull(type), at,
				AttachmentStatus.PENDING_UPLOAD, declaredSize, null, null, 0, at.plus(uploadTtl), null, at, 0);
	}

	/** Rebuilds a stored attachment; the store only holds attachments that went through the transitions. */
	public static Attachment restore(String id, String ownerId, String taskId, String filename, ImageType type,
			Instant createdAt, AttachmentStatus status, Long size, Integer width, Integer height, int version,
			Instant uploadExpiresAt, String error, Instant updatedAt, int revision) {
		return new Attachment(id, ownerId, taskId, filename, type, createdAt, status, size, width, height, version,
				uploadExpiresAt, error, updatedAt, revision);
	}

	/**
	 * The name shown to the user: the last path segment of what the client sent, without control
	 * characters, at most {@value #MAX_FILENAME} characters. It is never used to build a path.
	 */
	static String displayName(String filename) {
		String name = filename == null ? "" : filename;
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		name = name.codePoints()
			.filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString()
			.strip();
		if (name.isEmpty()) {
			throw new InvalidAttachmentException("filename", "filename is required");
		}
		if (name.codePointCount(0, name.length()) > MAX_FILENAME) {
			throw new InvalidAttachmentException("filename", "filename must be at most " + MAX_FILENAME + " characters");
		}
		return name;
	}

	/**
	 * What an upload target for this attachment allows: at most the declared size, or {@code maxBytes}
	 * when none was declared.
	 */
	public UploadGrant uploadGrant(long maxBytes) {
		require(AttachmentStatus.PENDING_UPLOAD, "only an attachment waiting for its image has an upload target");
		return new UploadGrant(id, ownerId, taskId, objectKey(), type, allowedBytes(maxBytes), size, uploadExpiresAt);
	}

	/** The most bytes the object may have: the declared size, or {@code maxBytes} when none was declared. */
	public long allowedBytes(long maxBytes) {
		return size == null ? maxBytes : Math.min(size, maxBytes);
	}

	/**
	 * Checks what arrived under the key before {@link #objectCreated} takes it: {@code bytes} within what
	 * the upload allowed, the header of the declared type.
	 *
	 * @throws UploadTooLargeException when there are more bytes than allowed
	 * @throws UnsupportedImageTypeException when the bytes are of another type than declared
	 */
	public void checkObject(ImageHeader header, long bytes, long maxBytes) {
		long allowed = allowedBytes(maxBytes);
		if (bytes > allowed) {
			throw new UploadTooLargeException(allowed);
		}
		if (header.type() != type) {
			throw new UnsupportedImageTypeException(
					"the upload was declared as " + type.mediaType() + " but the bytes are " + header.type().mediaType());
		}
	}

	/**
	 * The object store has the image, {@code bytes} long, and its header passed the checks: labeling may
	 * start.
	 */
	public void objectCreated(ImageHeader header, long bytes, long maxBytes, Instant now) {
		require(AttachmentStatus.PENDING_UPLOAD, "only an attachment waiting for its image can receive it");
		checkObject(header, bytes, maxBytes);
		status = AttachmentStatus.UPLOADED;
		size = bytes;
		width = header.displayWidth();
		height = header.displayHeight();
		version++;
		updatedAt = millis(now);
		statusChanged();
		events.add(new LabelingRequested(ownerId, taskId, id, version));
	}

	/** What arrived is not an acceptable image; {@code reason} is shown to the user. The object must go. */
	public void rejected(String reason, Instant now) {
		require(AttachmentStatus.PENDING_UPLOAD, "only an attachment waiting for its image can be rejected");
		status = AttachmentStatus.REJECTED;
		error = reason == null || reason.isBlank() ? "the upload is not an acceptable image" : truncate(reason.strip());
		updatedAt = millis(now);
		statusChanged();
	}

	/**
	 * A worker starts labeling this version. A second start (the first worker died and its lease ran out)
	 * is allowed and changes nothing.
	 *
	 * @return whether the status changed
	 */
	public boolean startLabeling(Instant now) {
		if (status == AttachmentStatus.LABELING) {
			return false;
		}
		if (status != AttachmentStatus.UPLOADED && status != AttachmentStatus.PENDING_MODEL) {
			throw illegal("labeling starts from UPLOADED or PENDING_MODEL");
		}
		status = AttachmentStatus.LABELING;
		error = null;
		updatedAt = millis(now);
		statusChanged();
		return true;
	}

	/**
	 * The server is missing its models: the image waits for them ({@link #LABELING_PAUSED}).
	 *
	 * @return whether the status changed (it may be waiting already)
	 */
	public boolean waitForModels(Instant now) {
		if (status == AttachmentStatus.PENDING_MODEL) {
			return false;
		}
		if (!isAwaitingLabels()) {
			throw illegal("only an image waiting for or in labeling can wait for the models");
		}
		status = AttachmentStatus.PENDING_MODEL;
		error = LABELING_PAUSED;
		updatedAt = millis(now);
		statusChanged();
		return true;
	}

	/** Stored and not labeled or failed yet: UPLOADED, LABELING or PENDING_MODEL. */
	public boolean isAwaitingLabels() {
		return status == AttachmentStatus.UPLOADED || status == AttachmentStatus.LABELING
				|| status == AttachmentStatus.PENDING_MODEL;
	}

	/**
	 * The labels are saved. No status event: the labeling use case publishes the labels themselves, which
	 * say it, and a second event would only make every page fetch the card twice.
	 */
	public void labeled(Instant now) {
		require(AttachmentStatus.LABELING, "labels are saved while LABELING");
		status = AttachmentStatus.LABELED;
		error = null;
		updatedAt = millis(now);
	}

	/** Labeling gave up; {@code reason} is shown to the user. */
	public void failed(String reason, Instant now) {
		if (!isAwaitingLabels()) {
			throw illegal("only an image waiting for or in labeling can fail");
		}
		status = AttachmentStatus.FAILED;
		error = reason == null || reason.isBlank() ? "labeling failed" : truncate(reason.strip());
		updatedAt = millis(now);
		statusChanged();
	}

	/**
	 * The user changed the image's labels. Only a LABELED image has labels to change; saving this state
	 * orders the change with labeling's own (both move the revision), so neither is lost to the other.
	 */
	public void labelsEdited(Instant now) {
		require(AttachmentStatus.LABELED, "labels can be changed once the image is labeled");
		updatedAt = millis(now);
	}

	/** Label the stored image again: a new version, so that results of the previous run are stale. */
	public void relabel(Instant now) {
		if (status != AttachmentStatus.LABELED && status != AttachmentStatus.FAILED) {
			throw illegal("only a labeled or failed image can be labeled again");
		}
		status = AttachmentStatus.UPLOADED;
		error = null;
		version++;
		updatedAt = millis(now);
		statusChanged();
		events.add(new LabelingRequested(ownerId, taskId, id, version));
	}

	/** The attachment goes, with its objects; by itself, with its task, or because its upload never came. */
	public void delete() {
		events.add(new AttachmentDeleted(ownerId, taskId, id));
	}

	/** The events registered since the last call, in the order of the transitions; the list is cleared. */
	public List<Object> releaseEvents() {
		List<Object> released = List.copyOf(events);
		events.clear();
		return released;
	}

	private void statusChanged() {
		events.add(AttachmentStatusChanged.of(this));
	}

	/**
	 * Still waiting for its bytes, or rejected, and its upload target expired before {@code now}: nothing
	 * more will come.
	 */
	public boolean isAbandoned(Instant now) {
		return (status == AttachmentStatus.PENDING_UPLOAD || status == AttachmentStatus.REJECTED)
				&& uploadExpiresAt != null && now.isAfter(uploadExpiresAt);
	}

	/** Whether the stored image exists (it may be read, served and labeled). */
	public boolean hasImage() {
		return status != AttachmentStatus.PENDING_UPLOAD && status != AttachmentStatus.REJECTED;
	}

	public boolean isOwnedBy(String userId) {
		return ownerId.equals(userId);
	}

	/** {@code <user>/<task>/<attachment>.<ext>}, ids only (see {@link ObjectKey}). */
	public String objectKey() {
		return ObjectKey.of(ownerId, taskId, id, type.extension());
	}

	/** The stored thumbnail, beside the original. */
	public String thumbnailKey() {
		return ObjectKey.of(ownerId, taskId, id, "thumb.jpg");
	}

	/** Whether {@code key} names this attachment's image. */
	public boolean hasKey(ObjectKey key) {
		return key.attachmentId().equals(id) && key.ownerId().equals(ownerId) && key.taskId().equals(taskId)
				&& key.type() == type;
	}

	/** Every object this attachment may have in the store, for deletion. */
	public List<String> objectKeys() {
		return List.of(objectKey(), thumbnailKey());
	}

	private void require(AttachmentStatus expected, String rule) {
		if (status != expected) {
			throw illegal(rule);
		}
	}

	private IllegalAttachmentStateException illegal(String rule) {
		return new IllegalAttachmentStateException("attachment is " + status + ": " + rule);
	}

	/** The stores keep milliseconds; an attachment reads the same before and after it is stored. */
	private static Instant millis(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS);
	}

	private static String truncate(String text) {
		return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
	}

	public String id() {
		return id;
	}

	public String ownerId() {
		return ownerId;
	}

	public String taskId() {
		return taskId;
	}

	public String filename() {
		return filename;
	}

	public ImageType type() {
		return type;
	}

	public Instant createdAt() {
		return createdAt;
	}

	public AttachmentStatus status() {
		return status;
	}

	/** Bytes: the declared size until the upload, then the stored size; {@code null} when not declared. */
	public Long size() {
		return size;
	}

	/** Pixels as the user sees the image (EXIF orientation applied); {@code null} before the upload. */
	public Integer width() {
		return width;
	}

	public Integer height() {
		return height;
	}

	public int version() {
		return version;
	}

	public Instant uploadExpiresAt() {
		return uploadExpiresAt;
	}

	/**
	 * Why labeling failed or the upload was rejected, or {@link #LABELING_PAUSED} while PENDING_MODEL;
	 * {@code null} otherwise.
	 */
	public String error() {
		return error;
	}

	public Instant updatedAt() {
		return updatedAt;
	}

	/** The stored revision this object was loaded at; the store refuses to save over a newer one. */
	public int revision() {
		return revision;
	}
}
