package app.tasklens.vision;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;

import app.tasklens.decoding.DecodeBudget;
import app.tasklens.decoding.ImageTooLargeToDecodeException;
import app.tasklens.labeling.UnreadableImageException;

/**
 * Decodes image bytes as users have them: JPEG (also CMYK/YCCK, via TwelveMonkeys), PNG (palette, gray,
 * 16-bit, alpha), WebP, GIF, BMP; EXIF orientation applied; large images subsampled while decoding so a
 * 50-megapixel photo never becomes a 50-megapixel raster. Every decode first reserves its memory from the
 * {@link DecodeBudget}; the reservation travels with the {@link DecodedImage} and is given back when it is
 * closed.
 */
final class ImageDecoder {

	/**
	 * Long side decoded at most, give or take the subsampling step. The models look at 416 px (objects) and
	 * 224 px (classes); text recognition is the one that wants more, and 2048 px keeps a page readable.
	 */
	static final int MAX_DECODED_SIDE = 2048;

	/** Refused outright: beyond this a file is a decompression bomb, not a photo. */
	static final long MAX_PIXELS = 300_000_000L;

	private final DecodeBudget budget;

	/** A decoder with a budget of its own, for tests and tools that decode alone. */
	ImageDecoder() {
		this(DecodeBudget.ofHeap());
	}

	ImageDecoder(DecodeBudget budget) {
		this.budget = budget;
	}

	/**
	 * @throws ImageTooLargeToDecodeException when decoding it would need more than the
	 *         whole budget
	 */
	DecodedImage decode(byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			throw new UnreadableImageException("the image is empty (0 bytes)");
		}
		// A memory-cached stream: ImageIO.createImageInputStream would spill into temp files.
		try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
			if (!readers.hasNext()) {
				throw new UnreadableImageException(
						"not an image in a supported format (JPEG, PNG, WebP, GIF, BMP); the file starts with "
								+ signature(bytes));
			}
			ImageReader reader = readers.next();
			try {
				return decode(bytes, reader, input);
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof UnreadableImageException || ex instanceof ImageTooLargeToDecodeException) {
				throw (RuntimeException) ex;
			}
			throw new UnreadableImageException("the image cannot be decoded: " + describe(ex), ex);
		}
	}

	private DecodedImage decode(byte[] bytes, ImageReader reader, ImageInputStream input) throws IOException {
		String format = format(reader.getFormatName());
		reader.setInput(input, true, true);
		int storedWidth = reader.getWidth(0);
		int storedHeight = reader.getHeight(0);
		if (storedWidth <= 0 || storedHeight <= 0 || (long) storedWidth * storedHeight > MAX_PIXELS) {
			throw new UnreadableImageException("the " + format + " image is " + storedWidth + " × " + storedHeight
					+ " pixels; at most " + MAX_PIXELS / 1_000_000 + " megapixels are accepted");
		}
		ImageReadParam param = reader.getDefaultReadParam();
		int step = subsampling(storedWidth, storedHeight);
		if (step > 1) {
			param.setSourceSubsampling(step, step, 0, 0);
		}
		DecodeBudget.Reservation reservation = budget.reserve(format, input, storedWidth, storedHeight, step);
		try {
			List<String> warnings = new ArrayList<>();
			reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
			BufferedImage raw = reader.read(0, param);
			for (String warning : warnings) {
				if (isTruncation(warning)) {
					throw new UnreadableImageException("the " + format + " image is truncated: " + warning);
				}
			}
			Orientation orientation = Orientation.fromExif(exifOrientation(bytes, format));
			BufferedImage pixels = orientation.apply(BgrImages.toBgr(raw));
			return orientation.swapsSides() ? new DecodedImage(pixels, format, storedHeight, storedWidth, reservation)
					: new DecodedImage(pixels, format, storedWidth, storedHeight, reservation);
		}
		catch (IOException | RuntimeException ex) {
			reservation.close();
			throw ex;
		}
	}

	/** The smallest whole step that brings the long side to {@link #MAX_DECODED_SIDE} or below. */
	static int subsampling(int width, int height) {
		int longSide = Math.max(width, height);
		return (longSide + MAX_DECODED_SIDE - 1) / MAX_DECODED_SIDE;
	}

	/**
	 * libjpeg reports a cut-off file as a warning and fills the rest grey; a grey half-image would get
	 * confident wrong labels, so it counts as unreadable. A file that only lacks its end marker (some apps
	 * write them so) has all its pixels and is accepted: that warning says "Missing EOI", not "premature end".
	 */
	private static boolean isTruncation(String warning) {
		String text = warning.toLowerCase(Locale.ROOT);
		return text.contains("premature end") || text.contains("unexpected end");
	}

	/** 1 (as stored) when there is no EXIF or it cannot be read: a broken tag must not cost the image. */
	static int exifOrientation(byte[] bytes, String format) {
		try {
			ByteArrayInputStream in = new ByteArrayInputStream(bytes);
			Metadata metadata = format.equals("JPEG")
					? JpegMetadataReader.readMetadata(in, List.of(new ExifReader()))
					: ImageMetadataReader.readMetadata(in, bytes.length);
			ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
			if (exif == null) {
				return 1;
			}
			Integer orientation = exif.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
			return orientation == null ? 1 : orientation;
		}
		catch (Exception ex) {
			return 1;
		}
	}

	private static String format(String readerFormat) {
		String name = readerFormat.toUpperCase(Locale.ROOT);
		return name.equals("JPG") ? "JPEG" : name;
	}

	private static String signature(byte[] bytes) {
		StringBuilder hex = new StringBuilder();
		for (int i = 0; i < Math.min(8, bytes.length); i++) {
			hex.append(String.format("%02x ", bytes[i] & 0xff));
		}
		return hex.toString().trim();
	}

	private static String describe(Exception ex) {
		String message = ex.getMessage();
		return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
	}
}
