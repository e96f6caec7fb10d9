package app.tasklens.attachment;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import org.springframework.stereotype.Component;

import app.tasklens.attachment.InvalidImageException.Reason;
import app.tasklens.decoding.DecodeBudget;
import app.tasklens.decoding.ImageTooLargeToDecodeException;

/**
 * Thumbnails: JPEGs whose longest side is the thumbnail size, upright (EXIF orientation applied), made
 * from the original on first request and kept in the store beside it.
 *
 * <p>The original is decoded with source subsampling, so a 50-megapixel photo never becomes a 200 MB
 * raster: only about twice the thumbnail size is kept, then scaled smoothly. The decode reserves its memory
 * from the server's {@link DecodeBudget} first, like labeling's: a file whose reader must decode every
 * pixel and would not fit is refused with {@link ImageTooLargeToDecodeException}.
 */
@Component
class Thumbnails {

	private static final float QUALITY = 0.85f;

	private final ObjectStore store;
	private final Attachments attachments;
	private final DecodeBudget budget;
	private final int size;

	Thumbnails(ObjectStore store, Attachments attachments, DecodeBudget budget, AttachmentSettings settings) {
		this.store = store;
		this.attachments = attachments;
		this.budget = budget;
		this.size = settings.thumbnailSize();
	}

	InputStream open(Attachment attachment) throws IOException {
		Optional<InputStream> kept = store.open(attachment.thumbnailKey());
		if (kept.isPresent()) {
			return kept.get();
		}
		return new ByteArrayInputStream(make(attachment));
	}

	/** Makes the thumbnail unless the store has it. */
	void ensure(Attachment attachment) throws IOException {
		if (store.size(attachment.thumbnailKey()).isEmpty()) {
			make(attachment);
		}
	}

	private byte[] make(Attachment attachment) throws IOException {
		byte[] jpeg = render(attachment);
		try {
			store.put(attachment.thumbnailKey(), new ByteArrayInputStream(jpeg), jpeg.length, "image/jpeg");
		}
		catch (StorageFullException ex) {
			// Served, not kept: a full disk must not cost the user their thumbnails.
			return jpeg;
		}
		// Put, then check: if the attachment was deleted meanwhile, its deletion may already have swept
		// this key, and nothing else would remove the thumbnail written after it.
		if (attachments.findById(attachment.id()).isEmpty()) {
			store.delete(attachment.thumbnailKey());
			throw new AttachmentNotFoundException();
		}
		return jpeg;
	}

	private byte[] render(Attachment attachment) throws IOException {
		int orientation;
		try (InputStream in = original(attachment)) {
			orientation = ImageHeader.read(in).orientation();
		}
		try (InputStream in = original(attachment); ImageInputStream images = ImageIO.createImageInputStream(in)) {
			return decodeScaled(images, orientation);
		}
	}

	private InputStream original(Attachment attachment) throws IOException {
		return store.open(attachment.objectKey()).orElseThrow(AttachmentNotFoundException::new);
	}

	/** The JPEG thumbnail, made while the decode's memory is reserved (the scaled copy is small). */
	private byte[] decodeScaled(ImageInputStream images, int orientation) throws IOException {
		Iterator<ImageReader> readers = ImageIO.getImageReaders(images);
		if (!readers.hasNext()) {
			throw new InvalidImageException(Reason.UNSUPPORTED_TYPE, "no decoder for this image");
		}
		ImageReader reader = readers.next();
		BufferedImage thumbnail;
		try {
			reader.setInput(images, true, true);
			int width = reader.getWidth(0);
			int height = reader.getHeight(0);
			int step = Math.max(1, Math.max(width, height) / (2 * size));
			ImageReadParam param = reader.getDefaultReadParam();
			param.setSourceSubsampling(step, step, 0, 0);
			try (DecodeBudget.Reservation reserved = budget.reserve(reader.getFormatName(), images, width, height,
					step)) {
				thumbnail = scaled(reader.read(0, param), orientation);
			}
		}
		catch (ImageTooLargeToDecodeException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw new InvalidImageException(Reason.CORRUPT, "the image cannot be decoded: " + ex.getMessage());
		}
		finally {
			reader.dispose();
		}
		return encode(thumbnail);
	}

	/** Fits the image in size × size, turned upright, on white where it was transparent. */
	private BufferedImage scaled(BufferedImage image, int orientation) {
		boolean quarterTurn = orientation >= 5;
		int srcWidth = image.getWidth(), srcHeight = image.getHeight();
		int uprightWidth = quarterTurn ? srcHeight : srcWidth, uprightHeight = quarterTurn ? srcWidth : srcHeight;
		double scale = Math.min(1.0, (double) size / Math.max(uprightWidth, uprightHeight));
		int width = Math.max(1, (int) Math.round(uprightWidth * scale));
		int height = Math.max(1, (int) Math.round(uprightHeight * scale));
		BufferedImage thumbnail = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = thumbnail.createGraphics();
		try {
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, width, height);
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
			g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			AffineTransform upright = orientationTransform(orientation, width, height);
			upright.scale((double) (quarterTurn ? height : width) / srcWidth,
					(double) (quarterTurn ? width : height) / srcHeight);
			g.drawImage(image, upright, null);
		}
		finally {
			g.dispose();
		}
		return thumbnail;
	}

	/**
	 * Maps the stored image (already scaled to w' × h', the upright size turned back) onto the upright
	 * canvas of {@code width} × {@code height}, per the EXIF orientation values 1–8.
	 */
	static AffineTransform orientationTransform(int orientation, int width, int height) {
		return switch (orientation) {
			case 2 -> new AffineTransform(-1, 0, 0, 1, width, 0);
			case 3 -> new AffineTransform(-1, 0, 0, -1, width, height);
			case 4 -> new AffineTransform(1, 0, 0, -1, 0, height);
			case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
			case 6 -> new AffineTransform(0, 1, -1, 0, width, 0);
			case 7 -> new AffineTransform(0, -1, -1, 0, width, height);
			case 8 -> new AffineTransform(0, -1, 1, 0, 0, height);
			default -> new AffineTransform();
		};
	}

	private static byte[] encode(BufferedImage image) throws IOException {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
			writer.setOutput(out);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(QUALITY);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}
}
