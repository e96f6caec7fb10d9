package app.tasklens.attachment;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

import app.tasklens.Ids;

/**
 * An image attached to a task, and where it is in its labeling:
 *
 * <pre>
 * PENDING_UPLOAD → UPLOADED → LABELING → LABELED
 *                      ↑          ↓ ↑  ↘
 *                      │   PENDING_MODEL → FAILED
 *                      └─ relabel ──────┘
 * </pre>
 *
 * PENDING_MODEL: the server is missing its models; the image waits, without using up its tries, and is
 * labeled once they are in place.
 *
 * Each time the image is handed to labeling (upload, relabel) {@link #version()} goes up by one; a labeling
 * result or event for an older version is stale and changes nothing. The object key is made from ids only,
 * never from the client's file name.
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
	private String uploadNonce;
	private Instant uploadExpiresAt;
	private String error;
	private Instant updatedAt;
	private final int revision;

	private Attachment(String id, String ownerId, String taskId, String filename, ImageType type, Instant createdAt,
			AttachmentStatus status, Long size, Integer width, Integer height, int version, String uploadNonce,
			Instant uploadExpiresAt, String error, Instant updatedAt, int revision) {
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
		this.uploadNonce = uploadNonce;
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
				AttachmentStatus.PENDING_UPLOAD, declaredSize, null, null, 0, Ids.random(), at.plus(uploadTtl), null, at, 0);
	}

	/** Rebuilds a stored attachment; the store only holds attachments that went through the transitions. */
	public static Attachment restore(String id, String ownerId, String taskId, String filename, ImageType type,
			Instant createdAt, AttachmentStatus status, Long size, Integer width, Integer height, int version,
			String uploadNonce, Instant uploadExpiresAt, String error, Instant updatedAt, int revision) {
		return new Attachment(id, ownerId, taskId, filename, type, createdAt, status, size, width, height, version,
				uploadNonce, uploadExpiresAt, error, updatedAt, revision);
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

	/** What the upload URL for this attachment allows. */
	public UploadGrant uploadGrant(long maxBytes) {
		require(AttachmentStatus.PENDING_UPLOAD, "only an attachment waiting for its image has an upload URL");
		return new UploadGrant(id, ownerId, taskId, objectKey(), type, maxBytes, uploadExpiresAt, uploadNonce);
	}

	/**
	 * The bytes arrived through the upload URL with {@code nonce}: they must be the declared type.
	 *
	 * @throws UploadUrlRejectedException when the URL was already used or belongs to an earlier upload
	 */
	public void uploaded(String nonce, ImageHeader header, long bytes, Instant now) {
		if (status != AttachmentStatus.PENDING_UPLOAD || !Objects.equals(uploadNonce, nonce)) {
			throw new UploadUrlRejectedException("this upload URL was already used");
		}
		if (header.type() != type) {
			throw new UnsupportedImageTypeException(
					"the upload was declared as " + type.mediaType() + " but the bytes are " + header.type().mediaType());
		}
		status = AttachmentStatus.UPLOADED;
		size = bytes;
		width = header.displayWidth();
		height = header.displayHeight();
		version++;
		uploadNonce = null;
		uploadExpiresAt = null;
		updatedAt = millis(now);
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
		return true;
	}

	/** Stored and not labeled or failed yet: UPLOADED, LABELING or PENDING_MODEL. */
	public boolean isAwaitingLabels() {
		return status == AttachmentStatus.UPLOADED || status == AttachmentStatus.LABELING
				|| status == AttachmentStatus.PENDING_MODEL;
	}

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
	}

	/** Still waiting for its bytes after the upload URL expired: it will never be completed. */
	public boolean isAbandoned(Instant now) {
		return status == AttachmentStatus.PENDING_UPLOAD && uploadExpiresAt != null && now.isAfter(uploadExpiresAt);
	}

	/** Whether the stored image exists (it may be read, served and labeled). */
	public boolean hasImage() {
		return status != AttachmentStatus.PENDING_UPLOAD;
	}

	public boolean isOwnedBy(String userId) {
		return ownerId.equals(userId);
	}

	/** {@code <user>/<task>/<attachment>.<ext>}, ids only. */
	public String objectKey() {
		return objectKey(ownerId, taskId, id, type.extension());
	}

	/** The stored thumbnail, beside the original. */
	public String thumbnailKey() {
		return objectKey(ownerId, taskId, id, "thumb.jpg");
	}

	static String objectKey(String ownerId, String taskId, String attachmentId, String suffix) {
		return ownerId + "/" + taskId + "/" + attachmentId + "." + suffix;
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

	public String uploadNonce() {
		return uploadNonce;
	}

	public Instant uploadExpiresAt() {
		return uploadExpiresAt;
	}

	/** Why labeling failed, or {@link #LABELING_PAUSED} while PENDING_MODEL; {@code null} otherwise. */
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
