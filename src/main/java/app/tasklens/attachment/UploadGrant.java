package app.tasklens.attachment;

import java.time.Instant;

/**
 * What one upload URL allows: the bytes of one attachment, of one type, at most {@code maxBytes}, until
 * {@code expiresAt}, once ({@code nonce} is consumed by the upload).
 */
public record UploadGrant(String attachmentId, String ownerId, String taskId, String objectKey, ImageType type,
		long maxBytes, Instant expiresAt, String nonce) {
}
