package app.tasklens.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import app.tasklens.attachment.ObjectStore.Staged;
import app.tasklens.task.TaskNotFoundException;
import app.tasklens.task.Tasks;

/**
 * Attaching an image: the client asks for an upload URL, then sends the bytes to it. Bytes that are not
 * an acceptable image leave nothing behind, neither a row change nor a file.
 */
@Service
public class AttachmentUploads {

	private final Tasks tasks;
	private final Attachments attachments;
	private final ObjectStore store;
	private final UploadTickets tickets;
	private final AttachmentSettings settings;
	private final QuotaSettings quota;
	private final FreeSpace freeSpace;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transactions;
	private final Clock clock;

	AttachmentUploads(Tasks tasks, Attachments attachments, ObjectStore store, UploadTickets tickets,
			AttachmentSettings settings, QuotaSettings quota, FreeSpace freeSpace, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock) {
		this.tasks = tasks;
		this.attachments = attachments;
		this.store = store;
		this.tickets = tickets;
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
	 * Checks an image before anything decodes it: its type and structure from the bytes, and its size in
	 * pixels, read from the header, against the limits.
	 *
	 * @throws InvalidImageException when it is empty, truncated, corrupt or of another type
	 * @throws ImageTooLargeException when it has too many pixels
	 */
	public ImageHeader inspect(InputStream image) throws IOException {
		ImageHeader header = ImageHeader.verify(image);
		checkLimits(header);
		return header;
	}

	/** A new attachment and the request that uploads its bytes. */
	public record NewUpload(Attachment attachment, SignedRequest upload) {
	}

	/**
	 * Creates an attachment waiting for its image and signs the URL that accepts it.
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
		long maxBytes = settings.maxSize().toBytes();
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
		return new NewUpload(attachment, store.uploadTarget(attachment.uploadGrant(size == null ? maxBytes : size)));
	}

	/**
	 * Receives the bytes sent to an upload URL: checks the URL, streams the bytes into the store's staging
	 * area (stopping past the allowed size), checks they are an image of the declared type within the
	 * limits, then in one transaction marks the attachment UPLOADED, records the labeling request and
	 * publishes the object.
	 *
	 * @param contentType the request's Content-Type, or {@code null}
	 * @param contentLength the request's Content-Length, or -1 when streamed in chunks
	 */
	public Attachment receive(String ticket, String contentType, long contentLength, InputStream body)
			throws IOException {
		UploadGrant grant = tickets.verify(ticket, clock.instant());
		Attachment pending = attachments.findById(grant.attachmentId())
			.filter(found -> found.isOwnedBy(grant.ownerId()) && found.taskId().equals(grant.taskId()))
			.orElseThrow(AttachmentNotFoundException::new);
		if (!grant.nonce().equals(pending.uploadNonce())) {
			throw new UploadUrlRejectedException("this upload URL was already used");
		}
		if (contentType != null && !contentType.isBlank()
				&& ImageType.ofMediaType(contentType).filter(grant.type()::equals).isEmpty()) {
			throw new UnsupportedImageTypeException(
					"this upload URL is for " + grant.type().mediaType() + ", not " + contentType.strip());
		}
		if (contentLength > grant.maxBytes()) {
			throw new UploadTooLargeException(grant.maxBytes());
		}
		checkFreeSpace(contentLength > 0 ? contentLength : grant.maxBytes());
		try (Staged staged = store.stage(body, grant.maxBytes())) {
			ImageHeader header;
			try (InputStream in = staged.open()) {
				header = inspect(in);
			}
			checkQuota(attachments.usage(grant.ownerId()), staged.size());
			return transactions.execute(status -> complete(grant, header, staged));
		}
	}

	private Attachment complete(UploadGrant grant, ImageHeader header, Staged staged) {
		Attachment attachment = attachments.findById(grant.attachmentId()).orElseThrow(AttachmentNotFoundException::new);
		Instant now = clock.instant();
		attachment.uploaded(grant.nonce(), header, staged.size(), now);
		try {
			attachments.update(attachment);
		}
		catch (ConcurrentAttachmentChangeException ex) {
			throw new UploadUrlRejectedException("this upload URL was already used");
		}
		events.publishEvent(AttachmentStatusChanged.of(attachment));
		events.publishEvent(new LabelingRequested(attachment.ownerId(), attachment.taskId(), attachment.id(),
				attachment.version()));
		try {
			// Inside the transaction: a second upload with the same URL waits for this one's row lock and
			// then finds the nonce gone, so it can never replace these bytes. A crash between the rename
			// and the commit leaves the attachment pending; its key is swept with it when it is abandoned.
			staged.publish(attachment.objectKey());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot store the image of attachment " + attachment.id(), ex);
		}
		return attachment;
	}

	/**
	 * Refuses an upload that would leave the data folder with less than its reserve: the database, and
	 * deleting (which frees space), must still be able to write.
	 */
	private void checkFreeSpace(long bytes) {
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
