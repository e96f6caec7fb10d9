package app.tasklens.vision;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Image files made in the test, byte by byte where ImageIO cannot write them (EXIF, CMYK). */
final class TestImages {

	private TestImages() {
	}

	static byte[] png(BufferedImage image) {
		return encode(image, "png");
	}

	static byte[] jpeg(BufferedImage image) {
		return encode(image, "jpeg");
	}

	static byte[] darknet(String name) {
		try {
			return Files.readAllBytes(Path.of(System.getProperty("tasklens.test.darknet-dir"), name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A file under {@code src/test/resources/images}. */
	static byte[] resource(String name) {
		try (var in = TestImages.class.getResourceAsStream("/images/" + name)) {
			if (in == null) {
				throw new IllegalStateException("no test image " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The JPEG with an EXIF APP1 segment holding only IFD0 orientation, placed right after SOI/APP0. */
	static byte[] withExifOrientation(byte[] jpeg, int orientation) {
		ByteBuffer tiff = ByteBuffer.allocate(26);
		tiff.put(new byte[] { 'M', 'M', 0, 42 }).putInt(8); // big-endian TIFF header, IFD0 at offset 8
		tiff.putShort((short) 1); // one entry
		tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1); // Orientation, SHORT, count 1
		tiff.putShort((short) orientation).putShort((short) 0);
		tiff.putInt(0); // no next IFD
		byte[] exif = ByteBuffer.allocate(6 + tiff.capacity()).put("Exif\0\0".getBytes()).put(tiff.array()).array();
		return insertSegment(jpeg, 0xE1, exif);
	}

	/**
	 * A CMYK JPEG as Photoshop writes it: four inverted channels and an Adobe APP14 marker (transform 0)
	 * that tells readers they are CMYK, not RGBA.
	 */
	static byte[] cmykJpeg(int width, int height, int[] cmykLeft, int[] cmykRight) {
		WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int[] cmyk = x < width / 2 ? cmykLeft : cmykRight;
				for (int c = 0; c < 4; c++) {
					raster.setSample(x, y, c, 255 - cmyk[c]);
				}
			}
		}
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
			writer.setOutput(stream);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(1f);
			writer.write(null, new IIOImage(raster, null, null), param);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
		byte[] adobe = { 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0 };
		return insertSegment(out.toByteArray(), 0xEE, adobe);
	}

	private static byte[] insertSegment(byte[] jpeg, int marker, byte[] payload) {
		int at = 2;
		if ((jpeg[2] & 0xff) == 0xFF && (jpeg[3] & 0xff) == 0xE0) {
			at = 4 + ((jpeg[4] & 0xff) << 8 | (jpeg[5] & 0xff));
		}
		ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + payload.length);
		out.put(jpeg, 0, at);
		out.put((byte) 0xFF).put((byte) marker).putShort((short) (payload.length + 2)).put(payload);
		out.put(jpeg, at, jpeg.length - at);
		return out.array();
	}

	private static byte[] encode(BufferedImage image, String format) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("no " + format + " writer for " + image);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}
}
