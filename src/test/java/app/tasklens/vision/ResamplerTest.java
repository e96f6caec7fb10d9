package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ResamplerTest {

	@Test
	void shrinkingByTwoAveragesWithATriangleTwiceAsWide() {
		Resampler.Taps taps = Resampler.taps(4, 2, 0, 2);

		assertThat(taps.start()).containsExactly(0, 1);
		assertThat(taps.count()).containsExactly(3, 3);
		assertThat(weights(taps, 0)).containsExactly(new float[] { 3 / 7f, 3 / 7f, 1 / 7f }, within(1e-6f));
		assertThat(weights(taps, 1)).containsExactly(new float[] { 1 / 7f, 3 / 7f, 3 / 7f }, within(1e-6f));
	}

	@Test
	void enlargingIsBilinearBetweenPixelCentres() {
		Resampler.Taps taps = Resampler.taps(2, 4, 0, 4);

		assertThat(taps.start()).containsExactly(0, 0, 0, 1);
		assertThat(weights(taps, 0)).containsExactly(1f);
		assertThat(weights(taps, 1)).containsExactly(0.75f, 0.25f);
		assertThat(weights(taps, 2)).containsExactly(0.25f, 0.75f);
		assertThat(weights(taps, 3)).containsExactly(1f);
	}

	@Test
	void sameSizeCopiesEachPixel() {
		Resampler.Taps taps = Resampler.taps(3, 3, 0, 3);

		for (int i = 0; i < 3; i++) {
			assertThat(taps.start()[i]).isEqualTo(i);
			assertThat(weights(taps, i)[0]).isEqualTo(1f);
		}
	}

	@Test
	void aCropComputesOnlyTheOutputsItKeeps() {
		Resampler.Taps full = Resampler.taps(500, 256, 0, 256);
		Resampler.Taps crop = Resampler.taps(500, 256, 16, 224);

		assertThat(crop.size()).isEqualTo(224);
		assertThat(crop.start()[0]).isEqualTo(full.start()[16]);
		assertThat(weights(crop, 100)).containsExactly(weights(full, 116));
	}

	@Test
	void resizesInterleavedBgrIntoPlanesWithScaleAndOffset() {
		// 4 × 2 pixels; blue = 10·x, green = 100, red = 200 on row 0 and 0 on row 1
		byte[] bgr = new byte[4 * 2 * 3];
		for (int y = 0; y < 2; y++) {
			for (int x = 0; x < 4; x++) {
				int o = 3 * (y * 4 + x);
				bgr[o] = (byte) (10 * x);
				bgr[o + 1] = 100;
				bgr[o + 2] = (byte) (y == 0 ? 200 : 0);
			}
		}
		Resampler.Taps xs = Resampler.taps(4, 2, 0, 2);
		Resampler.Taps ys = Resampler.taps(2, 1, 0, 1);
		float[] out = new float[3 * 2];
		// planes in R, G, B order; red halved, green shifted by −100
		Resampler.Target target = new Resampler.Target(out, 2, 2, new int[] { 2, 1, 0 },
				new float[] { 1, 1, 0.5f }, new float[] { 0, -100, 0 });

		Resampler.resize(bgr, 4, xs, ys, target, new float[Resampler.scratchSize(xs, ys)]);

		// blue: (0·3 + 10·3 + 20·1) / 7 and (10·1 + 20·3 + 30·3) / 7; rows averaged half and half
		assertThat(out).containsExactly(new float[] { 50, 50, 0, 0, 50 / 7f, 160 / 7f }, within(1e-4f));
	}

	private static float[] weights(Resampler.Taps taps, int output) {
		float[] w = new float[taps.count()[output]];
		System.arraycopy(taps.weights(), output * taps.span(), w, 0, w.length);
		return w;
	}
}
