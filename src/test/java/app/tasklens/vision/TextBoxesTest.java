package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import app.tasklens.vision.TextBoxes.Found;
import app.tasklens.vision.TextBoxes.Region;

class TextBoxesTest {

	private static final int W = 16, H = 8;

	/**
	 * A 16 x 8 map: a text core of 0.9 over x 2-9, y 2-5 with one cold pixel inside; a lone hot speck at
	 * (15, 0); a faint 5 x 5 smudge of 0.4 at x 11-15, y 3-7, touching neither.
	 */
	private static float[] map() {
		float[] prob = new float[W * H];
		for (int y = 2; y <= 5; y++) {
			for (int x = 2; x <= 9; x++) {
				prob[y * W + x] = 0.9f;
			}
		}
		prob[3 * W + 5] = 0.0f;
		prob[0 * W + 15] = 0.95f;
		for (int y = 3; y <= 7; y++) {
			for (int x = 11; x <= 15; x++) {
				prob[y * W + x] = 0.4f;
			}
		}
		return prob;
	}

	@Test
	void regionsAreEightConnectedAndKeepTheLeftAndRightmostPixelOfEachRow() {
		List<Region> regions = TextBoxes.regions(map(), W, H, TextBoxes.THRESHOLD, 10);

		assertThat(regions).hasSize(3);
		Region speck = regions.get(0);
		assertThat(speck.xs()).containsExactly(15);
		assertThat(speck.ys()).containsExactly(0);
		Region core = regions.get(1);
		assertThat(core.xs()).containsExactly(2, 9, 2, 9, 2, 9, 2, 9);
		assertThat(core.ys()).containsExactly(2, 2, 3, 3, 4, 4, 5, 5);
		Region smudge = regions.get(2);
		assertThat(smudge.xs()).containsExactly(11, 15, 11, 15, 11, 15, 11, 15, 11, 15);
		assertThat(smudge.ys()).containsExactly(3, 3, 4, 4, 5, 5, 6, 6, 7, 7);
	}

	@Test
	void diagonalNeighboursJoinOneRegion() {
		float[] prob = new float[3 * 3];
		prob[0] = 0.9f;
		prob[4] = 0.9f;
		prob[8] = 0.9f;

		assertThat(TextBoxes.regions(prob, 3, 3, TextBoxes.THRESHOLD, 10)).hasSize(1);
	}

	@Test
	void regionsStopAtTheLimit() {
		assertThat(TextBoxes.regions(map(), W, H, TextBoxes.THRESHOLD, 2)).hasSize(2);
	}

	@Test
	void minAreaRectOfAnUprightBlockIsItsPixelCentres() {
		Quad rect = TextBoxes.minAreaRect(new int[] { 2, 9, 2, 9 }, new int[] { 2, 2, 5, 5 });

		assertQuad(rect, 2, 2, 9, 2, 9, 5, 2, 5);
	}

	@Test
	void minAreaRectFollowsATiltedRectangleAndStartsAtItsUpperLeftCorner() {
		// Corners of a rectangle tilted by atan(1/2): sides (4, 2) and (-1, 2), given sorted by y then x.
		Quad rect = TextBoxes.minAreaRect(new int[] { 1, 0, 5, 4 }, new int[] { 0, 2, 2, 4 });

		assertQuad(rect, 1, 0, 5, 2, 4, 4, 0, 2);
		assertThat(rect.width()).isCloseTo(Math.sqrt(20), within(1e-9));
		assertThat(rect.height()).isCloseTo(Math.sqrt(5), within(1e-9));
	}

	@Test
	void meanInsideAveragesEveryPixelCentreInTheBoxIncludingColdOnes() {
		Quad core = new Quad(2, 2, 9, 2, 9, 5, 2, 5);

		// 32 pixels, one of them 0.
		assertThat(TextBoxes.meanInside(map(), W, H, core)).isCloseTo(31 * 0.9 / 32, within(1e-6));
	}

	@Test
	void unclipGrowsEachSideByAreaTimesRatioOverPerimeter() {
		// 100 x 10: offset = 1000 * 1.5 / 220 = 6.8181...
		Quad grown = TextBoxes.unclip(new Quad(0, 0, 100, 0, 100, 10, 0, 10), 1.5);

		double d = 1000 * 1.5 / 220;
		assertQuad(grown, -d, -d, 100 + d, -d, 100 + d, 10 + d, -d, 10 + d);
	}

	@Test
	void unclipKeepsTheTiltOfTheBox() {
		// The tilted 2*sqrt(5) x sqrt(5) rectangle: offset = 10 * 1.5 / (2 * 3 * sqrt(5)) = sqrt(5) / 2.
		Quad grown = TextBoxes.unclip(new Quad(1, 0, 5, 2, 4, 4, 0, 2), 1.5);

		assertThat(TextBoxes.shortSide(grown)).isCloseTo(2 * Math.sqrt(5), within(1e-9));
		assertThat(grown.width()).isCloseTo(3 * Math.sqrt(5), within(1e-9));
		// Half an offset along and across from the top left corner: (1, 0) - (2, 1)/2 - (-1, 2)/2.
		assertThat(grown.x0()).isCloseTo(0.5, within(1e-9));
		assertThat(grown.y0()).isCloseTo(-1.5, within(1e-9));
	}

	@Test
	void findKeepsTheConfidentCoreGrownAndDropsTheSpeckAndTheFaintSmudge() {
		List<Found> found = TextBoxes.find(map(), W, H);

		assertThat(found).hasSize(1);
		assertThat(found.get(0).score()).isCloseTo(31 * 0.9 / 32, within(1e-6));
		// Core 7 x 3 between pixel centres: offset = 21 * 1.5 / 20 = 1.575.
		assertQuad(found.get(0).box(), 0.425, 0.425, 10.575, 0.425, 10.575, 6.575, 0.425, 6.575);
	}

	@Test
	void gateOpensOnAHandfulOfPixelsAboveTheThreshold() {
		float[] prob = new float[100];
		prob[10] = prob[20] = prob[30] = 0.31f;
		assertThat(TextBoxes.mayContainText(prob)).isFalse();

		prob[40] = 0.31f;
		assertThat(TextBoxes.mayContainText(prob)).isTrue();
	}

	private static void assertQuad(Quad q, double... corners) {
		double[] actual = { q.x0(), q.y0(), q.x1(), q.y1(), q.x2(), q.y2(), q.x3(), q.y3() };
		for (int i = 0; i < 8; i++) {
			assertThat(actual[i]).as("coordinate %d of %s", i, q).isCloseTo(corners[i], within(1e-9));
		}
	}
}
