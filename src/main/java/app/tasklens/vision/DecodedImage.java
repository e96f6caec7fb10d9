package app.tasklens.vision;

import java.awt.image.BufferedImage;

/**
 * An image ready for the models: {@code pixels} is {@link BufferedImage#TYPE_3BYTE_BGR}, EXIF orientation
 * applied, possibly subsampled; {@code width} and {@code height} are the full-resolution size the user
 * sees (after orientation), which is what {@code ImageProperties} reports.
 */
record DecodedImage(BufferedImage pixels, String format, int width, int height) {
}
