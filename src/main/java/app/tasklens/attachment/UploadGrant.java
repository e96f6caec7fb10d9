package app.tasklens.attachment;

import java.time.Instant;

/**
 * What an upload target allows: the bytes of one attachment, of one type, at most {@code maxBytes}, under
 * {@code objectKey}, until {@code expiresAt}. Whether the bytes are wanted at all is decided when they
 * arrive, by the attachment ({@link AttachmentUploads#objectCreated}).
 *
 * @param declaredSize the size the client announced, which a store may sign into the request, or {@code null}
 */
public record UploadGrant(String attachmentId, String ownerId, String taskId, String objectKey, ImageType type,
		long maxBytes, Long declaredSize, Instant expiresAt) {
}
