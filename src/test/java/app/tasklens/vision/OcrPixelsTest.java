package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;

import org.junit.jupiter.api.Test;

class OcrPixelsTest {

	/**
	 * PaddleOCR normalises the BGR image OpenCV loads with the ImageNet statistics in their listed order, so
	 * blue gets the mean and std listed first; the model was trained that way.
	 */
	@Test
	void detectorInputIsBgrPlanesNormalisedWithTheStatisticsInPaddleOcrsOrder() {
		BufferedImage image = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 2; y++) {
			for (int x = 0; x < 4; x++) {
				image.setRGB(x, y, 255 << 16 | 0 << 8 | 51);
			}
		}
		FloatBuffer out = FloatBuffer.allocate(3 * 2 * 1);

		OcrPixels.of(image).writeDetectorInput(out, 2, 1);

		float[] v = out.array();
		// Blue 51 = 0.2: (0.2 - 0.485) / 0.229; green 0: (0 - 0.456) / 0.224; red 1: (1 - 0.406) / 0.225.
		assertThat(v[0]).isCloseTo((float) ((0.2 - 0.485) / 0.229), within(1e-5f));
		assertThat(v[1]).isCloseTo((float) ((0.2 - 0.485) / 0.229), within(1e-5f));
		assertThat(v[2]).isCloseTo((float) (-0.456 / 0.224), within(1e-5f));
		assertThat(v[4]).isCloseTo((float) ((1 - 0.406) / 0.225), within(1e-5f));
		assertThat(out.position()).isEqualTo(6);
	}

	@Test
	void halvingIsPlainBilinear() {
		// Output pixel 0 of 2 is centred on source coordinate 0.5, halfway between pixels 0 and 1.
		OcrPixels.Taps taps = OcrPixels.Taps.of(4, 2);

		assertThat(taps.start[0]).isZero();
		assertThat(taps.count[0]).isEqualTo(2);
		assertThat(taps.weight[0]).isEqualTo(0.5f);
		assertThat(taps.weight[1]).isEqualTo(0.5f);
		assertThat(taps.start[1]).isEqualTo(2);
	}

	@Test
	void quarteringAveragesOverATriangleHalfTheScaleWide() {
		// Output pixel 0 of 2 is centred on source 1.5; weights 1 - |i - 1.5| / 2 over i = 0..3 are
		// 0.25, 0.75, 0.75, 0.25, normalised by their sum 2.
		OcrPixels.Taps taps = OcrPixels.Taps.of(8, 2);

		assertThat(taps.start[0]).isZero();
		assertThat(taps.count[0]).isEqualTo(4);
		assertThat(taps.weight).startsWith(0.125f, 0.375f, 0.375f, 0.125f);
		assertThat(taps.start[1]).isEqualTo(4);
	}

	@Test
	void enlargingIsPlainBilinear() {
		// 2 -> 4: output 1 is centred on source 0.25, between pixel 0 (0.75) and pixel 1 (0.25).
		OcrPixels.Taps taps = OcrPixels.Taps.of(2, 4);

		assertThat(taps.start[1]).isZero();
		assertThat(taps.count[1]).isEqualTo(2);
		assertThat(taps.weight[taps.max]).isCloseTo(0.75f, within(1e-6f));
		assertThat(taps.weight[taps.max + 1]).isCloseTo(0.25f, within(1e-6f));
	}

	@Test
	void recogniserCropCopiesTheQuadsPixelsAsBgrInMinusOneToOneAndPadsWithZero() {
		int[] rgb = { 0x000000, 0xff0000, 0x00ff00, 0x0000ff };
		OcrPixels pixels = new OcrPixels(rgb, 4, 1);
		// The quad spans the pixel squares exactly: pixel i is centred on coordinate i.
		Quad all = new Quad(-0.5, -0.5, 3.5, -0.5, 3.5, 0.5, -0.5, 0.5);
		FloatBuffer out = FloatBuffer.allocate(3 * 1 * 6);

		pixels.writeRecogniserInput(out, 0, all, 4, 1, 6);

		float[] v = out.array();
		assertThat(v).containsExactly(
				-1, -1, -1, 1, 0, 0, // blue plane
				-1, -1, 1, -1, 0, 0, // green plane
				-1, 1, -1, -1, 0, 0); // red plane
	}

	@Test
	void recogniserCropFollowsATurnedQuad() {
		// A column of four pixels read bottom to top, as a quad turned a quarter counter-clockwise reads it.
		int[] rgb = { 10, 20, 30, 40 };
		OcrPixels pixels = new OcrPixels(rgb, 1, 4);
		Quad column = new Quad(-0.5, -0.5, 0.5, -0.5, 0.5, 3.5, -0.5, 3.5).turnedCounterClockwise();
		FloatBuffer out = FloatBuffer.allocate(3 * 4);

		pixels.writeRecogniserInput(out, 0, column, 4, 1, 4);

		float[] blue = new float[4];
		out.get(0, blue);
		assertThat(blue).containsExactly(10 / 127.5f - 1, 20 / 127.5f - 1, 30 / 127.5f - 1, 40 / 127.5f - 1);
	}

	@Test
	void readsPackedAndByteImagesAlike() {
		BufferedImage ints = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
		BufferedImage bytes = new BufferedImage(3, 2, BufferedImage.TYPE_3BYTE_BGR);
		BufferedImage gray = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
		ints.setRGB(2, 1, 0x123456);
		bytes.setRGB(2, 1, 0x123456);
		gray.setRGB(2, 1, 0x808080);
		FloatBuffer fromInts = FloatBuffer.allocate(18);
		FloatBuffer fromBytes = FloatBuffer.allocate(18);
		FloatBuffer fromGray = FloatBuffer.allocate(18);

		OcrPixels.of(ints).writeDetectorInput(fromInts, 3, 2);
		OcrPixels.of(bytes).writeDetectorInput(fromBytes, 3, 2);
		OcrPixels.of(gray).writeDetectorInput(fromGray, 3, 2);

		assertThat(fromBytes.array()).containsExactly(fromInts.array());
		// Grey 0x80 in the blue plane at (2, 1).
		assertThat(fromGray.array()[5]).isCloseTo((float) ((128 / 255.0 - 0.485) / 0.229), within(1e-5f));
	}
}
