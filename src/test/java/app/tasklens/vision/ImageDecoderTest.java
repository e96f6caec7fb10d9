package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import app.tasklens.decoding.DecodeBudget;
import app.tasklens.decoding.ImageTooLargeToDecodeException;
import app.tasklens.labeling.UnreadableImageException;

class ImageDecoderTest {

	private final ImageDecoder decoder = new ImageDecoder();

	@Test
	void decodesJpegToBgrAtFullSize() {
		DecodedImage image = decoder.decode(TestImages.darknet("dog.jpg"));

		assertThat(image.format()).isEqualTo("JPEG");
		assertThat(image.width()).isEqualTo(768);
		assertThat(image.height()).isEqualTo(576);
		assertThat(image.pixels().getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
		assertThat(image.pixels().getWidth()).isEqualTo(768);
		assertThat(BgrImages.bytes(image.pixels())).hasSize(768 * 576 * 3);
	}

	/**
	 * Stored quadrants: top-left red, top-right green, bottom-left blue, bottom-right white. Each row gives
	 * the corner colours the user sees (TL, TR, BL, BR) for one EXIF orientation.
	 */
	@ParameterizedTest
	@CsvSource({ "1, R, G, B, W", "2, G, R, W, B", "3, W, B, G, R", "4, B, W, R, G", "5, R, B, G, W",
			"6, B, R, W, G", "7, W, G, B, R", "8, G, W, R, B" })
	void appliesExifOrientation(int orientation, char topLeft, char topRight, char bottomLeft, char bottomRight) {
		BufferedImage stored = new BufferedImage(64, 32, BufferedImage.TYPE_3BYTE_BGR);
		Graphics2D g = stored.createGraphics();
		fill(g, Color.RED, 0, 0);
		fill(g, Color.GREEN, 32, 0);
		fill(g, Color.BLUE, 0, 16);
		fill(g, Color.WHITE, 32, 16);
		g.dispose();

		DecodedImage image = decoder.decode(TestImages.withExifOrientation(TestImages.jpeg(stored), orientation));

		boolean turned = orientation >= 5;
		assertThat(image.width()).isEqualTo(turned ? 32 : 64);
		assertThat(image.height()).isEqualTo(turned ? 64 : 32);
		int right = image.pixels().getWidth() - 4;
		int bottom = image.pixels().getHeight() - 4;
		assertThat(colorAt(image, 3, 3)).isEqualTo(topLeft);
		assertThat(colorAt(image, right, 3)).isEqualTo(topRight);
		assertThat(colorAt(image, 3, bottom)).isEqualTo(bottomLeft);
		assertThat(colorAt(image, right, bottom)).isEqualTo(bottomRight);
	}

	@Test
	void grayKeepsItsValuesInsteadOfGoingThroughTheLinearGrayCurve() {
		BufferedImage gray = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
		WritableRaster raster = gray.getRaster();
		for (int y = 0; y < 8; y++) {
			for (int x = 0; x < 8; x++) {
				raster.setSample(x, y, 0, 128);
			}
		}

		assertThat(rgbAt(decoder.decode(TestImages.png(gray)), 4, 4)).containsExactly(128, 128, 128);
		assertThat(rgbAt(decoder.decode(TestImages.jpeg(gray)), 4, 4)).containsExactly(128, 128, 128);
	}

	@Test
	void sixteenBitPngIsScaledToEightBits() {
		BufferedImage gray = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
		gray.getRaster().setSample(1, 1, 0, 0x8080);
		ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
				new int[] { 16, 16, 16 }, false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
		BufferedImage rgb = new BufferedImage(model, model.createCompatibleWritableRaster(4, 4), false, null);
		rgb.getRaster().setPixel(2, 2, new int[] { 65535, 32896, 0 });

		assertThat(rgbAt(decoder.decode(TestImages.png(gray)), 1, 1)).containsExactly(128, 128, 128);
		assertThat(rgbAt(decoder.decode(TestImages.png(rgb)), 2, 2)).containsExactly(255, 128, 0);
	}

	@Test
	void palettePngUsesItsPaletteAndTransparentEntriesBecomeWhite() {
		IndexColorModel palette = new IndexColorModel(2, 3, new byte[] { (byte) 200, 0, 0 },
				new byte[] { 10, (byte) 150, 0 }, new byte[] { 20, 0, 0 }, new byte[] { (byte) 255, (byte) 255, 0 });
		BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_BINARY, palette);
		image.getRaster().setSample(0, 0, 0, 0);
		image.getRaster().setSample(1, 0, 0, 1);
		image.getRaster().setSample(2, 0, 0, 2);

		DecodedImage decoded = decoder.decode(TestImages.png(image));

		assertThat(rgbAt(decoded, 0, 0)).containsExactly(200, 10, 20);
		assertThat(rgbAt(decoded, 1, 0)).containsExactly(0, 150, 0);
		assertThat(rgbAt(decoded, 2, 0)).containsExactly(255, 255, 255);
	}

	@Test
	void alphaIsCompositedOnWhite() {
		BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
		image.setRGB(0, 0, 0x80FF0000);
		image.setRGB(1, 0, 0x00000000);
		image.setRGB(2, 0, 0xFF0000FF);

		DecodedImage decoded = decoder.decode(TestImages.png(image));

		assertThat(rgbAt(decoded, 0, 0)).containsExactly(255, 127, 127);
		assertThat(rgbAt(decoded, 1, 0)).containsExactly(255, 255, 255);
		assertThat(rgbAt(decoded, 2, 0)).containsExactly(0, 0, 255);
	}

	@Test
	void cmykJpegBecomesRgb() {
		byte[] cmyk = TestImages.cmykJpeg(32, 16, new int[] { 255, 0, 0, 0 }, new int[] { 0, 0, 0, 255 });

		DecodedImage decoded = decoder.decode(cmyk);

		assertThat(decoded.format()).isEqualTo("JPEG");
		int[] cyan = rgbAt(decoded, 4, 8);
		assertThat(cyan[0]).isLessThan(60);
		assertThat(cyan[1]).isGreaterThan(150);
		assertThat(cyan[2]).isGreaterThan(200);
		assertThat(Arrays.stream(rgbAt(decoded, 28, 8)).max().getAsInt()).isLessThan(60);
	}

	@Test
	void webpDecodesWithItsColoursAndTransparencyOnWhite() {
		DecodedImage decoded = decoder.decode(TestImages.resource("quadrants.webp"));

		assertThat(decoded.format()).isEqualTo("WEBP");
		assertThat(decoded.width()).isEqualTo(64);
		assertThat(decoded.height()).isEqualTo(32);
		assertThat(rgbAt(decoded, 4, 4)).containsExactly(220, 20, 60);
		assertThat(rgbAt(decoded, 60, 4)).containsExactly(30, 160, 40);
		assertThat(rgbAt(decoded, 4, 28)).containsExactly(20, 40, 200);
		assertThat(rgbAt(decoded, 60, 28)).containsExactly(255, 255, 255);
	}

	@Test
	void largeImagesAreSubsampledWhileDecodingButReportTheirFullSize() {
		BufferedImage wide = new BufferedImage(4100, 60, BufferedImage.TYPE_3BYTE_BGR);

		DecodedImage decoded = decoder.decode(TestImages.png(wide));

		assertThat(ImageDecoder.subsampling(4100, 60)).isEqualTo(3);
		assertThat(decoded.pixels().getWidth()).isEqualTo(1367);
		assertThat(decoded.pixels().getHeight()).isEqualTo(20);
		assertThat(decoded.width()).isEqualTo(4100);
		assertThat(decoded.height()).isEqualTo(60);
	}

	@Test
	void aDecompressionBombIsRefusedFromItsHeader() {
		byte[] png = TestImages.png(new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR));
		ByteBuffer header = ByteBuffer.wrap(png);
		header.putInt(16, 20_000).putInt(20, 20_000); // IHDR width and height: 400 megapixels
		CRC32 crc = new CRC32();
		crc.update(png, 12, 17); // chunk type and data
		header.putInt(29, (int) crc.getValue());

		assertThatThrownBy(() -> decoder.decode(png)).isInstanceOf(UnreadableImageException.class)
			.hasMessage("the PNG image is 20000 × 20000 pixels; at most 300 megapixels are accepted");
	}

	@Test
	void aWebpWhoseReaderWouldDecodeMorePixelsThanTheBudgetHoldsIsRefusedBeforeDecoding() {
		ImageDecoder withBudget = new ImageDecoder(new DecodeBudget(100_000_000));

		assertThatThrownBy(() -> withBudget.decode(app.tasklens.TestImages.webpBomb(10_000, 5_000)))
			.isInstanceOf(ImageTooLargeToDecodeException.class)
			.hasMessageContaining("10000 × 5000 pixels; decoding it needs 232 MB");
	}

	@Test
	void closingADecodedImageGivesItsMemoryBack() {
		// 2000 × 1000: 8 MB read at full size plus 32 MB decoded; two of them do not fit in 50 MB at once.
		ImageDecoder withBudget = new ImageDecoder(new DecodeBudget(50_000_000));
		byte[] image = app.tasklens.TestImages.webpBomb(2_000, 1_000);

		assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
			for (int i = 0; i < 3; i++) {
				try (DecodedImage decoded = withBudget.decode(image)) {
					assertThat(decoded.width()).isEqualTo(2_000);
				}
			}
		});
	}

	@Test
	void bytesOfNoKnownFormatAreUnreadable() {
		byte[] noise = new byte[4096];
		new Random(7).nextBytes(noise);
		noise[0] = 0x12;

		assertThatThrownBy(() -> decoder.decode(noise)).isInstanceOf(UnreadableImageException.class)
			.hasMessageStartingWith("not an image in a supported format");
		assertThatThrownBy(() -> decoder.decode(new byte[0])).isInstanceOf(UnreadableImageException.class)
			.hasMessageContaining("empty");
	}

	@Test
	void jpegWithGarbageAfterTheHeaderIsUnreadable() {
		byte[] jpeg = TestImages.darknet("dog.jpg");
		byte[] broken = Arrays.copyOf(jpeg, jpeg.length);
		for (int i = 20; i < broken.length; i += 3) {
			broken[i] = (byte) (i * 31);
		}

		assertThatThrownBy(() -> decoder.decode(broken)).isInstanceOf(UnreadableImageException.class);
	}

	@Test
	void truncatedFilesAreUnreadable() {
		byte[] jpeg = TestImages.darknet("dog.jpg");
		byte[] png = TestImages.png(decoder.decode(jpeg).pixels());

		assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(jpeg, jpeg.length / 2)))
			.isInstanceOf(UnreadableImageException.class)
			.hasMessageContaining("truncated");
		assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(png, png.length / 2)))
			.isInstanceOf(UnreadableImageException.class);
	}

	@Test
	void jpegMissingOnlyItsEndMarkerIsReadable() {
		byte[] jpeg = TestImages.darknet("dog.jpg");

		DecodedImage image = decoder.decode(Arrays.copyOf(jpeg, jpeg.length - 2));

		assertThat(image.width()).isEqualTo(768);
	}

	private static void fill(Graphics2D g, Color color, int x, int y) {
		g.setColor(color);
		g.fillRect(x, y, 32, 16);
	}

	private static char colorAt(DecodedImage image, int x, int y) {
		int[] rgb = rgbAt(image, x, y);
		boolean r = rgb[0] > 128;
		boolean g = rgb[1] > 128;
		boolean b = rgb[2] > 128;
		if (r && g && b) {
			return 'W';
		}
		return r && !g && !b ? 'R' : g && !r && !b ? 'G' : b && !r && !g ? 'B' : '?';
	}

	static int[] rgbAt(DecodedImage image, int x, int y) {
		byte[] bgr = BgrImages.bytes(image.pixels());
		int o = 3 * (y * image.pixels().getWidth() + x);
		return new int[] { bgr[o + 2] & 0xff, bgr[o + 1] & 0xff, bgr[o] & 0xff };
	}
}
