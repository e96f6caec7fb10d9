package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same photo stored as PNG, JPEG, lossy and lossless WebP ({@code images/formats/}, made with ImageMagick
 * and cwebp from one PNG) decodes to the same pixels: exactly for the lossless formats, within the encoders'
 * loss otherwise, and with no colour cast in any format.
 */
class ImageFormatsTest {

	private final ImageDecoder decoder = new ImageDecoder();

	@ParameterizedTest
	@ValueSource(strings = { "kitten", "colosseum" })
	void losslessWebpDecodesToThePngsPixels(String photo) {
		Difference difference = difference(photo + ".png", photo + "-lossless.webp");

		assertThat(difference.maxAbsolute()).isZero();
	}

	/**
	 * JPEG stays within 1 level per channel on average. Lossy WebP is held to 2: libwebp's own decoder
	 * ({@code dwebp}) gives these files back with a cast under 0.2, the WebP reader here with red 1.1–1.7 levels
	 * low (it converts VP8's YUV with other coefficients); the labels do not change (see
	 * {@code OnnxLabelDetectorTest}), and this keeps the difference from growing.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "kitten", "colosseum" })
	void jpegAndLossyWebpStayCloseToThePngWithoutColourCast(String photo) {
		assertCloseWithoutCast(photo + ".png", photo + ".jpg", 1.0);
		assertCloseWithoutCast(photo + ".png", photo + "-lossy.webp", 2.0);
	}

	private void assertCloseWithoutCast(String reference, String lossy, double maxCast) {
		Difference difference = difference(reference, lossy);

		assertThat(difference.meanAbsolute()).as(lossy + " mean absolute difference").isLessThan(4);
		for (double cast : difference.meanSigned()) {
			assertThat(Math.abs(cast)).as(lossy + " colour cast per channel (B, G, R)").isLessThan(maxCast);
		}
	}

	@Test
	void allFormatsDecodeToTheSameSize() {
		for (String file : new String[] { "kitten.png", "kitten.jpg", "kitten-lossy.webp", "kitten-lossless.webp" }) {
			try (DecodedImage image = decoder.decode(TestImages.resource("formats/" + file))) {
				assertThat(image.pixels().getWidth()).as(file).isEqualTo(480);
				assertThat(image.pixels().getHeight()).as(file).isEqualTo(270);
			}
		}
	}

	/** Per-byte differences of two decoded images of the same size: max |d|, mean |d|, mean d per channel. */
	record Difference(int maxAbsolute, double meanAbsolute, double[] meanSigned) {
	}

	private Difference difference(String reference, String other) {
		try (DecodedImage first = decoder.decode(TestImages.resource("formats/" + reference));
				DecodedImage second = decoder.decode(TestImages.resource("formats/" + other))) {
			return difference(first.pixels(), second.pixels());
		}
	}

	private static Difference difference(BufferedImage a, BufferedImage b) {
		assertThat(b.getWidth()).isEqualTo(a.getWidth());
		assertThat(b.getHeight()).isEqualTo(a.getHeight());
		byte[] x = BgrImages.bytes(a);
		byte[] y = BgrImages.bytes(b);
		int max = 0;
		long absolute = 0;
		long[] signed = new long[3];
		for (int i = 0; i < x.length; i++) {
			int d = (y[i] & 0xff) - (x[i] & 0xff);
			max = Math.max(max, Math.abs(d));
			absolute += Math.abs(d);
			signed[i % 3] += d;
		}
		int pixels = x.length / 3;
		return new Difference(max, (double) absolute / x.length,
				new double[] { (double) signed[0] / pixels, (double) signed[1] / pixels, (double) signed[2] / pixels });
	}
}
