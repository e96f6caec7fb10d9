package app.tasklens.attachment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of image attachments.
 *
 * @param maxSize largest upload; bigger ones stop with 413 while streaming
 * @param maxSide largest width or height in pixels
 * @param maxPixels largest width × height; 50 MP decodes to 200 MB of RGBA, the most one worker may hold
 * @param uploadUrlTtl how long an upload URL works
 * @param thumbnailSize longest side of a thumbnail in pixels
 * @param sweepInterval how often deleted objects and abandoned uploads are cleaned up
 */
@ConfigurationProperties("tasklens.attachments")
record AttachmentSettings(
		@DefaultValue("15MB") DataSize maxSize,
		@DefaultValue("10000") int maxSide,
		@DefaultValue("50000000") long maxPixels,
		@DefaultValue("15m") Duration uploadUrlTtl,
		@DefaultValue("320") int thumbnailSize,
		@DefaultValue("1m") Duration sweepInterval) {

	AttachmentSettings {
		if (maxSize.toBytes() < 1 || maxSide < 1 || maxPixels < 1 || thumbnailSize < 16) {
			throw new IllegalArgumentException("tasklens.attachments limits must be positive (thumbnail-size at least 16)");
		}
		if (uploadUrlTtl.isNegative() || uploadUrlTtl.isZero() || sweepInterval.isNegative() || sweepInterval.isZero()) {
			throw new IllegalArgumentException("tasklens.attachments durations must be positive");
		}
	}
}
