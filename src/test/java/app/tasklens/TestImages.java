package app.tasklens;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/**
 * Images for tests: darknet's sample photos (system property {@code tasklens.test.darknet-dir}), images
 * drawn here and encoded by the JDK, and hand-made files that are broken in one precise way.
 */
public final class TestImages {

	/** Smallest WebP files, lossless (VP8L), lossy (VP8) and extended with alpha (VP8X), each 1 × 1. */
	public static final byte[] WEBP_LOSSLESS = Base64.getDecoder()
		.decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
	public static final byte[] WEBP_LOSSY = Base64.getDecoder()
		.decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");
	public static final byte[] WEBP_EXTENDED = Base64.getDecoder()
		.decode("UklGRkoAAABXRUJQVlA4WAoAAAAQAAAAAAAAAAAAQUxQSAwAAAARBxAR/Q9ERP8DAABWUDggGAAAABQBAJ0BKgEAAQAAAP4AAA3AAP7mtQAAAA==");

	private TestImages() {
	}

	/**
	 * A lossless WebP of 44 bytes that declares {@code width × height} pixels, all of one colour: every
	 * prefix code has a single symbol, so no pixel costs a bit. It passes the upload checks up to 10,000 a
	 * side and 50 megapixels, and a reader that decodes every pixel allocates 4 bytes for each.
	 */
	public static byte[] webpBomb(int width, int height) {
		return app.tasklens.cli.CraftedImages.webpBomb(width, height);
	}

	public static Path darknetDir() {
		String dir = System.getProperty("tasklens.test.darknet-dir");
		if (dir == null) {
			throw new IllegalStateException("system property tasklens.test.darknet-dir is not set (the pom sets it)");
		}
		return Path.of(dir);
	}

	/** {@code dog.jpg}, {@code eagle.jpg}… */
	public static byte[] darknet(String name) {
		try {
			return Files.readAllBytes(darknetDir().resolve(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static byte[] png(int width, int height) {
		return encode(drawing(width, height), "png");
	}

	public static byte[] jpeg(int width, int height) {
		return encode(drawing(width, height), "jpeg");
	}

	/** A red square in the top-left quarter of a blue image: shows which way an image was turned. */
	public static BufferedImage drawing(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.BLUE);
		g.fillRect(0, 0, width, height);
		g.setColor(Color.RED);
		g.fillRect(0, 0, width / 2, height / 2);
		g.dispose();
		return image;
	}

	private static byte[] encode(BufferedImage image, String format) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("no " + format + " writer");
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The JPEG with an APP1 Exif segment (big-endian TIFF, one IFD0 entry) saying {@code orientation}. */
	public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
		ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4);
		tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
		tiff.putShort((short) 1);
		tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
		tiff.putInt(0);
		byte[] payload = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff.array());
		ByteBuffer segment = ByteBuffer.allocate(4 + payload.length);
		segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (payload.length + 2)).put(payload);
		return concat(Arrays.copyOfRange(jpeg, 0, 2), segment.array(), Arrays.copyOfRange(jpeg, 2, jpeg.length));
	}

	/**
	 * A PNG that is only a signature, a valid IHDR claiming {@code width × height} and an IEND: what an
	 * attacker sends to make a decoder allocate gigabytes.
	 */
	public static byte[] pngHeaderOnly(long width, long height) {
		ByteBuffer ihdr = ByteBuffer.allocate(13);
		ihdr.putInt((int) width).putInt((int) height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0)
			.put((byte) 0);
		return concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, pngChunk("IHDR", ihdr.array()),
				pngChunk("IDAT", new byte[] {1, 2, 3}), pngChunk("IEND", new byte[0]));
	}

	/**
	 * A PNG whose structure is sound (every chunk with a right CRC) but whose compressed pixel data is
	 * garbage: it passes the upload checks and only a decoder finds it unreadable.
	 */
	public static byte[] pngWithGarbagePixels(int width, int height) {
		ByteBuffer ihdr = ByteBuffer.allocate(13);
		ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
		byte[] garbage = new byte[64];
		Arrays.fill(garbage, (byte) 0x5A);
		return concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, pngChunk("IHDR", ihdr.array()),
				pngChunk("IDAT", garbage), pngChunk("IEND", new byte[0]));
	}

	public static byte[] pngChunk(String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
			.putInt((int) crc.getValue()).array();
	}

	public static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}
}
