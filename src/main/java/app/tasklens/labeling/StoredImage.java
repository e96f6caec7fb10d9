package app.tasklens.labeling;

import java.util.function.Supplier;

/**
 * An image kept in the object store, as a detector is given it: its key, what its header said, and its
 * bytes, read only when asked for (a detector that reads the store itself, as Rekognition reads S3, never
 * asks; the on-box one does).
 *
 * @param format the image type's name ("JPEG", "PNG", "WEBP")
 * @param width pixels as the user sees the image
 */
public record StoredImage(String key, String format, int width, int height, Supplier<byte[]> bytes) {
}
