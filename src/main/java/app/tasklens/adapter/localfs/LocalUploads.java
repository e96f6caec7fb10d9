package app.tasklens.adapter.localfs;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import app.tasklens.adapter.localfs.LocalObjectStore.Staged;
import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentNotFoundException;
import app.tasklens.attachment.AttachmentStatus;
import app.tasklens.attachment.AttachmentUploads;
import app.tasklens.attachment.Attachments;
import app.tasklens.attachment.ImageType;
import app.tasklens.attachment.UnsupportedImageTypeException;
import app.tasklens.attachment.UploadGrant;
import app.tasklens.attachment.UploadRejectedException;
import app.tasklens.attachment.UploadTooLargeException;
import app.tasklens.attachment.UploadUrlRejectedException;

/**
 * The local store's end of an upload target: the bytes sent to {@code PUT /api/uploads/<ticket>}. Checks
 * the signed ticket, streams the bytes into staging (stopping past the allowed size), checks them as
 * {@link AttachmentUploads#objectCreated} will, and only then publishes them under the attachment's key
 * and gives that notice, exactly as an S3 bucket's notification would. Bytes that are not an acceptable
 * image are never published: nothing is kept, and the URL still takes the right bytes.
 *
 * <p>A ticket works while its attachment waits for its bytes, so once after a success. One upload per
 * attachment at a time: the local store belongs to this one process, and a second upload to the same URL
 * while the first streams would otherwise replace bytes already checked.
 */
@Component
@ConditionalOnExpression("'${tasklens.objects.s3.bucket:}'.isBlank()")
class LocalUploads {

	private final LocalObjectStore store;
	private final UploadTickets tickets;
	private final Attachments attachments;
	private final AttachmentUploads uploads;
	private final Clock clock;
	private final Set<String> receiving = ConcurrentHashMap.newKeySet();

	LocalUploads(LocalObjectStore store, UploadTickets tickets, Attachments attachments, AttachmentUploads uploads,
			Clock clock) {
		this.store = store;
		this.tickets = tickets;
		this.attachments = attachments;
		this.uploads = uploads;
		this.clock = clock;
	}

	/**
	 * @param contentType the request's Content-Type, or {@code null}
	 * @param contentLength the request's Content-Length, or -1 when streamed in chunks
	 * @return the attachment, UPLOADED (or further along, if labeling is quick)
	 */
	Attachment receive(String ticket, String contentType, long contentLength, InputStream body) throws IOException {
		UploadGrant grant = tickets.verify(ticket, clock.instant());
		Attachment pending = waiting(grant);
		if (contentType != null && !contentType.isBlank()
				&& ImageType.ofMediaType(contentType).filter(grant.type()::equals).isEmpty()) {
			throw new UnsupportedImageTypeException(
					"this upload URL is for " + grant.type().mediaType() + ", not " + contentType.strip());
		}
		if (contentLength > grant.maxBytes()) {
			throw new UploadTooLargeException(grant.maxBytes());
		}
		uploads.checkFreeSpace(contentLength > 0 ? contentLength : grant.maxBytes());
		if (!receiving.add(grant.attachmentId())) {
			throw new UploadUrlRejectedException("this upload URL is being used by another upload");
		}
		try {
			long size;
			try (Staged staged = store.stage(body, grant.maxBytes())) {
				size = staged.size();
				try (InputStream in = staged.open()) {
					uploads.checkBeforeStoring(pending, size, in);
				}
				waiting(grant);
				staged.publish(grant.objectKey());
			}
			Attachment stored = uploads.objectCreated(grant.objectKey(), size)
				.orElseThrow(AttachmentNotFoundException::new);
			if (stored.status() == AttachmentStatus.REJECTED) {
				throw new UploadRejectedException(stored.error());
			}
			return stored;
		}
		finally {
			receiving.remove(grant.attachmentId());
		}
	}

	/** The attachment the grant names, still waiting for its bytes. */
	private Attachment waiting(UploadGrant grant) {
		Attachment attachment = attachments.findById(grant.attachmentId())
			.filter(found -> found.isOwnedBy(grant.ownerId()) && found.taskId().equals(grant.taskId()))
			.orElseThrow(AttachmentNotFoundException::new);
		if (attachment.status() != AttachmentStatus.PENDING_UPLOAD) {
			throw new UploadUrlRejectedException("this upload URL was already used");
		}
		return attachment;
	}
}
