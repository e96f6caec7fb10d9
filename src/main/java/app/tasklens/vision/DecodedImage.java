package app.tasklens.vision;

import java.awt.image.BufferedImage;

import app.tasklens.decoding.DecodeBudget;

/**
 * An image ready for the models: {@code pixels} is {@link BufferedImage#TYPE_3BYTE_BGR}, EXIF orientation
 * applied, possibly subsampled; {@code width} and {@code height} are the full-resolution size the user
 * sees (after orientation), which is what {@code ImageProperties} reports. Closing it gives the memory its
 * pixels were decoded with back to the {@link DecodeBudget}: close it once the pixels are no longer used.
 */
record DecodedImage(BufferedImage pixels, String format, int width, int height, DecodeBudget.Reservation reservation)
		implements AutoCloseable {

	@Override
	public void close() {
		reservation.close();
	}
}
