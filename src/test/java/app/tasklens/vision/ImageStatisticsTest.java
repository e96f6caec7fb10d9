package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import app.tasklens.labeling.ImageProperties.DominantColor;
import app.tasklens.labeling.ImageProperties.Quality;

class ImageStatisticsTest {

	@Test
	void flatGreyIsMidBrightWithNoContrastOrSharpness() {
		Quality quality = ImageStatistics.quality(planes(40, 30, (x, y) -> new int[] { 128, 128, 128 }));

		assertThat(quality).isEqualTo(new Quality(50.2, 0, 0));
	}

	@Test
	void halfBlackHalfWhiteHasHighContrast() {
		Quality quality = ImageStatistics.quality(planes(40, 30, (x, y) -> x < 20 ? rgb(0) : rgb(255)));

		assertThat(quality.brightness()).isEqualTo(50.0);
		// deviation 127.5: 100 · (1 − e^(−127.5 / 50))
		assertThat(quality.contrast()).isEqualTo(92.19);
	}

	@Test
	void fineDetailIsSharperThanASmoothGradient() {
		Quality checkerboard = ImageStatistics.quality(planes(40, 30, (x, y) -> (x + y) % 2 == 0 ? rgb(60) : rgb(190)));
		Quality gradient = ImageStatistics.quality(planes(40, 30, (x, y) -> rgb(60 + 3 * x)));

		assertThat(checkerboard.sharpness()).isEqualTo(100.0);
		assertThat(gradient.sharpness()).isZero();
	}

	@Test
	void laplacianVarianceOfTwoInteriorPixels() {
		float[] luma = { 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 }; // 4 × 3, interior Laplacians −4 and 1

		assertThat(ImageStatistics.laplacianVariance(luma, 4, 3)).isCloseTo(6.25, within(1e-9));
	}

	@Test
	void dominantColoursAreReportedMostCommonFirstWithTheirShare() {
		List<DominantColor> colors = ImageStatistics.dominantColors(
				planes(40, 40, (x, y) -> x < 30 ? new int[] { 200, 30, 30 } : new int[] { 20, 40, 200 }));

		assertThat(colors).containsExactly(new DominantColor("#c81e1e", "red", 75.0),
				new DominantColor("#1428c8", "blue", 25.0));
	}

	@Test
	void atMostTenColours() {
		List<DominantColor> colors = ImageStatistics
			.dominantColors(planes(64, 64, (x, y) -> new int[] { 4 * x, 4 * y, (x * y) % 256 }));

		assertThat(colors).hasSizeBetween(2, 10);
		assertThat(colors.stream().mapToDouble(DominantColor::pixelPercent).sum()).isCloseTo(100, within(0.1));
	}

	@ParameterizedTest
	@CsvSource({ "255, 0, 0, red", "0, 128, 0, green", "0, 0, 255, blue", "255, 255, 255, white", "0, 0, 0, black",
			"128, 128, 128, grey", "255, 165, 0, orange", "139, 69, 19, brown", "255, 255, 0, yellow",
			"0, 128, 128, teal", "128, 0, 128, purple", "255, 192, 203, pink", "255, 105, 180, pink",
			"245, 245, 240, white", "30, 30, 35, black" })
	void namesColoursWithPlainWords(int r, int g, int b, String name) {
		assertThat(ColorNames.simplified(r, g, b)).isEqualTo(name);
	}

	private interface Pixel {
		int[] rgb(int x, int y);
	}

	private static int[] rgb(int gray) {
		return new int[] { gray, gray, gray };
	}

	private static ImageStatistics.Planes planes(int w, int h, Pixel pixel) {
		int stride = w + 3; // a stride wider than the image, as in the letterbox
		int planeSize = stride * (h + 2);
		float[] values = new float[3 * planeSize];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				int[] rgb = pixel.rgb(x, y);
				values[y * stride + x] = rgb[2];
				values[planeSize + y * stride + x] = rgb[1];
				values[2 * planeSize + y * stride + x] = rgb[0];
			}
		}
		return new ImageStatistics.Planes(values, stride, planeSize, w, h);
	}
}
