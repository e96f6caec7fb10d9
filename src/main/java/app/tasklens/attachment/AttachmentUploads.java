package app.tasklens.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import app.tasklens.task.TaskNotFoundException;
import app.tasklens.task.Tasks;

/**
 * Attaching an image. The client asks for an upload target and sends the bytes straight to the object
 * store; then the store, or the client, says that the object was created, and {@link #objectCreated}
 * decides: an acceptable image makes the attachment UPLOADED and labeling starts, anything else makes it
 * REJECTED and the object is deleted. That notice is the only way to UPLOADED, whoever sends it, as often
 * as it comes.
 */
@Service
public class AttachmentUploads {

	private static final Logger log = LoggerFactory.getLogger(AttachmentUploads.class);

	private final Tasks tasks;
	private final Attachments attachments;
	private final AttachmentService service;
	private final ObjectStore store;
	private final AttachmentSettings settings;
	private final QuotaSettings quota;
	private final FreeSpace freeSpace;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transactions;
	private final Clock clock;

	AttachmentUploads(Tasks tasks, Attachments attachments, AttachmentService service, ObjectStore store,
			AttachmentSettings settings, QuotaSettings quota, FreeSpace freeSpace, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock) {
		this.tasks = tasks;
		this.attachments = attachments;
		this.service = service;
		this.store = store;
		this.settings = settings;
		this.quota = quota;
		this.freeSpace = freeSpace;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** The largest upload in bytes, for clients that check a file before sending it. */
	public long maxBytes() {
		return settings.maxSize().toBytes();
	}

	/**
	 * Checks an image before anything decodes it: its type and whole structure from the bytes, and its size
	 * in pixels, read from the header, against the limits.
	 *
	 * @throws InvalidImageException when it is empty, truncated, corrupt or of another type
	 * @throws ImageTooLargeException when it has too many pixels
	 */
	public ImageHeader inspect(InputStream image) throws IOException {
		ImageHeader header = ImageHeader.verify(image);
		checkLimits(header);
		return header;
	}

	/**
	 * For a store that has the bytes at hand before it publishes them (the local one): what
	 * {@link #objectCreated} will check, plus the file's whole structure, so that bytes it would reject are
	 * never stored and the upload target stays usable.
	 *
	 * @throws InvalidImageException when it is empty, truncated, corrupt or of another format
	 * @throws ImageTooLargeException when it has too many pixels
	 * @throws UploadTooLargeException when it has more bytes than the upload allows
	 * @throws UnsupportedImageTypeException when it is not of the declared type
	 * @throws StorageQuotaExceededException when it does not fit in the user's storage quota
	 */
	public void checkBeforeStoring(Attachment pending, long size, InputStream bytes) throws IOException {
		pending.checkObject(inspect(bytes), size, maxBytes());
		checkQuota(attachments.usage(pending.ownerId()), size);
	}

	/** A new attachment and the request that uploads its bytes. */
	public record NewUpload(Attachment attachment, UploadTarget upload) {
	}

	/**
	 * Creates an attachment waiting for its image and signs the request that sends it to the store.
	 *
	 * @param size the size the client announces (the upload may not be larger), or {@code null}
	 */
	@Transactional
	public NewUpload request(String ownerId, String taskId, String filename, String contentType, Long size) {
		tasks.find(ownerId, taskId).orElseThrow(TaskNotFoundException::new);
		if (contentType == null || contentType.isBlank()) {
			throw new InvalidAttachmentException("contentType", "contentType is required");
		}
		ImageType type = ImageType.ofMediaType(contentType)
			.orElseThrow(() -> new UnsupportedImageTypeException(
					"only JPEG, PNG and WebP images can be attached, not " + contentType.strip()));
		long maxBytes = maxBytes();
		if (size != null && size < 1) {
			throw new InvalidAttachmentException("size", "the image is empty");
		}
		if (size != null && size > maxBytes) {
			throw new UploadTooLargeException(maxBytes);
		}
		Attachments.Usage usage = attachments.usage(ownerId);
		if (usage.pendingUploads() >= quota.pendingUploadsPerUser()) {
			throw new TooManyPendingUploadsException("you have " + usage.pendingUploads()
					+ " uploads that have not finished; finish or delete some before starting another (at most "
					+ quota.pendingUploadsPerUser() + ")");
		}
		checkQuota(usage, size == null ? 0 : size);
		Attachment attachment = Attachment.create(ownerId, taskId, filename, type, size, clock.instant(),
				settings.uploadUrlTtl());
		attachments.add(attachment);
		return new NewUpload(attachment, store.uploadTarget(attachment.uploadGrant(maxBytes)));
	}

	/** Bytes this server holds already, which can be read more than once. */
	@FunctionalInterface
	public interface ReceivedBytes {
		InputStream open() throws IOException;
	}

	/**
	 * Attaches an image whose bytes this server received itself (the page's form without JavaScript): the same
	 * {@link #request}, {@link #checkBeforeStoring} and {@link #objectCreated} as an upload to the store's
	 * target, with the bytes written by {@link ObjectStore#put} in between, so it works with every store. A
	 * refused image leaves nothing behind: its attachment goes, and its object with it.
	 *
	 * @return the attachment, UPLOADED (or further along, if labeling is quick)
	 * @throws UploadRejectedException when the stored object is refused after all (it changed in the store)
	 */
	public Attachment attachReceived(String ownerId, String taskId, String filename, String contentType, long size,
			ReceivedBytes bytes) throws IOException {
		checkFreeSpace(size);
		Attachment pending = request(ownerId, taskId, filename, contentType, size).attachment();
		try {
			try (InputStream in = bytes.open()) {
				checkBeforeStoring(pending, size, in);
			}
			try (InputStream in = bytes.open()) {
				store.put(pending.objectKey(), in, size, pending.type().mediaType());
			}
			Attachment stored = objectCreated(pending.objectKey(), size).orElseThrow(AttachmentNotFoundException::new);
			if (stored.status() == AttachmentStatus.REJECTED) {
				throw new UploadRejectedException(stored.error());
			}
			return stored;
		}
		catch (IOException | RuntimeException ex) {
			try {
				service.delete(ownerId, taskId, pending.id());
			}
			catch (AttachmentNotFoundException gone) {
				// Deleted meanwhile, with its task: nothing is left either way.
			}
			throw ex;
		}
	}

	/**
	 * The client's word that it sent the bytes: if the store has the object, it is taken as
	 * {@link #objectCreated}. An attachment that is no longer waiting is answered as it is.
	 *
	 * @throws UploadNotArrivedException when the store has no object under the attachment's key yet
	 */
	public Attachment complete(String ownerId, String taskId, String attachmentId) throws IOException {
		Attachment attachment = attachments.find(ownerId, taskId, attachmentId)
			.orElseThrow(AttachmentNotFoundException::new);
		if (attachment.status() != AttachmentStatus.PENDING_UPLOAD) {
			return attachment;
		}
		long size = store.size(attachment.objectKey()).orElseThrow(UploadNotArrivedException::new);
		return objectCreated(attachment.objectKey(), size).orElseThrow(AttachmentNotFoundException::new);
	}

	/**
	 * An object of {@code size} bytes was created under {@code key}. Parses the ids from the key, reads the
	 * image header from the store and checks type and limits; then marks the attachment UPLOADED and
	 * requests labeling, or marks it REJECTED with the reason and deletes the object.
	 *
	 * <p>Idempotent, and safe for late notices: an attachment that is no longer waiting for its bytes is
	 * left as it is, and a notice never makes a row. An object of an attachment that no longer exists
	 * (deleted before its bytes came) is deleted; a key Tasklens does not make (a thumbnail, someone else's
	 * object) is ignored.
	 *
	 * @return the attachment as it is now, or empty when the key names none
	 * @throws IOException when the store cannot be read; the notice may be given again
	 */
	public Optional<Attachment> objectCreated(String key, long size) throws IOException {
		Optional<ObjectKey> parsed = ObjectKey.parse(key);
		if (parsed.isEmpty()) {
			log.debug("ignoring object {}: not an image key", key);
			return Optional.empty();
		}
		Optional<Attachment> found = attachments.findById(parsed.get().attachmentId())
			.filter(attachment -> attachment.hasKey(parsed.get()));
		if (found.isEmpty()) {
			log.info("deleting object {}: its attachment does not exist (any more)", key);
			store.delete(key);
			return Optional.empty();
		}
		Attachment attachment = found.get();
		if (attachment.status() == AttachmentStatus.REJECTED) {
			// Sent again to the target of an upload already rejected: that object must go too.
			store.delete(key);
			return found;
		}
		if (attachment.status() != AttachmentStatus.PENDING_UPLOAD) {
			return found;
		}
		Optional<Verdict> verdict = judge(attachment, key, size);
		if (verdict.isEmpty()) {
			log.info("object {} was announced but is not in the store", key);
			return found;
		}
		Attachment decided = decide(attachment.id(), key, size, verdict.get());
		if (decided == null) {
			store.delete(key);
			return Optional.empty();
		}
		if (decided.status() == AttachmentStatus.REJECTED && verdict.get().header() == null) {
			store.delete(key);
			attachments.objectDeleted(key);
		}
		return Optional.of(decided);
	}

	/** The header when the object passes, the reason when it does not; empty when it is not there. */
	private record Verdict(ImageHeader header, String reason) {
	}

	private Optional<Verdict> judge(Attachment attachment, String key, long size) throws IOException {
		long allowed = attachment.allowedBytes(maxBytes());
		if (size > allowed) {
			return Optional.of(new Verdict(null, new UploadTooLargeException(allowed).getMessage()));
		}
		Optional<InputStream> object = RangedObjectStream.open(store, key, size);
		if (object.isEmpty()) {
			return Optional.empty();
		}
		try (InputStream in = object.get()) {
			ImageHeader header = ImageHeader.read(in);
			checkLimits(header);
			attachment.checkObject(header, size, maxBytes());
			checkQuota(attachments.usage(attachment.ownerId()), size);
			return Optional.of(new Verdict(header, null));
		}
		catch (InvalidImageException | ImageTooLargeException | UploadTooLargeException
				| UnsupportedImageTypeException | StorageQuotaExceededException ex) {
			return Optional.of(new Verdict(null, ex.getMessage()));
		}
	}

	/** The attachment as decided, or {@code null} when it was deleted meanwhile. */
	private Attachment decide(String attachmentId, String key, long size, Verdict verdict) {
		try {
			return transactions.execute(status -> {
				Attachment current = attachments.findById(attachmentId).orElse(null);
				if (current == null || current.status() != AttachmentStatus.PENDING_UPLOAD) {
					return current;
				}
				if (verdict.header() != null) {
					current.objectCreated(verdict.header(), size, maxBytes(), clock.instant());
				}
				else {
					current.rejected(verdict.reason(), clock.instant());
					// Recorded with the rejection, so that the object goes even if this process stops now.
					attachments.requestObjectDeletion(key);
				}
				attachments.update(current);
				current.releaseEvents().forEach(events::publishEvent);
				return current;
			});
		}
		catch (ConcurrentAttachmentChangeException ex) {
			// Another notice for the same object decided first (the sweep and the client at once).
			return attachments.findById(attachmentId).orElse(null);
		}
	}

	/**
	 * Refuses an upload that would leave the data folder with less than its reserve: the database, and
	 * deleting (which frees space), must still be able to write.
	 */
	public void checkFreeSpace(long bytes) {
		long usable = freeSpace.usableBytes();
		if (usable - bytes < quota.minFreeSpace().toBytes()) {
			throw new StorageFullException("the server's storage is full; images cannot be added until space is freed"
					+ " (deleting images or tasks frees it)");
		}
	}

	private void checkQuota(Attachments.Usage usage, long bytes) {
		long limit = quota.storagePerUser().toBytes();
		if (usage.storedBytes() + bytes > limit) {
			throw new StorageQuotaExceededException("this image does not fit in your storage quota of "
					+ megabytes(limit) + ": your images use " + megabytes(usage.storedBytes())
					+ (bytes > 0 ? " and this one has " + megabytes(bytes) : "")
					+ "; delete some images to make room", limit);
		}
	}

	private static String megabytes(long bytes) {
		return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
	}

	private void checkLimits(ImageHeader header) {
		if (header.width() > settings.maxSide() || header.height() > settings.maxSide()) {
			throw new ImageTooLargeException("the image is " + header.width() + " x " + header.height()
					+ " pixels; at most " + settings.maxSide() + " pixels a side are allowed");
		}
		if (header.pixels() > settings.maxPixels()) {
			throw new ImageTooLargeException("the image has " + header.pixels() + " pixels; at most "
					+ settings.maxPixels() + " are allowed");
		}
	}
}
