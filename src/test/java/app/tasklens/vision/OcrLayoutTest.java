package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import app.tasklens.labeling.BoundingBox;
import app.tasklens.labeling.TextDetection;
import app.tasklens.labeling.TextDetection.Point;
import app.tasklens.labeling.TextDetection.Type;
import app.tasklens.vision.OcrEngine.Size;

/** Where OCR puts things: detector input sizes, line input widths, boxes back on the image, ids. */
class OcrLayoutTest {

	@Test
	void detectorSizeFitsTheLongestSideInTheLimitAndRoundsEachSideToAMultipleOf32() {
		// 1754 -> 960; 1240 * 960 / 1754 = 678.7 -> 21.2 * 32 -> 672.
		assertThat(Size.forDetector(1240, 1754, 960)).isEqualTo(new Size(672, 960));
		// 3000 * 0.24 = 720 = 22.5 * 32, rounded half up to 23 * 32.
		assertThat(Size.forDetector(4000, 3000, 960)).isEqualTo(new Size(960, 736));
		assertThat(Size.forDetector(768, 576, 384)).isEqualTo(new Size(384, 288));
	}

	@Test
	void detectorSizeNeverEnlargesButRoundsSmallImagesToMultiplesOf32() {
		assertThat(Size.forDetector(768, 576, 960)).isEqualTo(new Size(768, 576));
		// 100 / 32 = 3.1 -> 96; 50 / 32 = 1.6 -> 64.
		assertThat(Size.forDetector(100, 50, 960)).isEqualTo(new Size(96, 64));
		assertThat(Size.forDetector(10, 10, 960)).isEqualTo(new Size(32, 32));
		assertThat(Size.forDetector(3000, 16, 960)).isEqualTo(new Size(960, 32));
	}

	@Test
	void lineWidthIsTheSqueezedAspectAtHeight48WithinTheCap() {
		// 200 x 48 at 85 %: 170.
		assertThat(OcrEngine.lineWidth(200, 48)).isEqualTo(170);
		// 100 x 24 is 200 x 48.
		assertThat(OcrEngine.lineWidth(100, 24)).isEqualTo(170);
		assertThat(OcrEngine.lineWidth(10_000, 48)).isEqualTo(OcrEngine.MAX_LINE_WIDTH);
	}

	@Test
	void quadsMapBackTreatingPixelsAsSquaresCentredOnTheirCoordinate() {
		// Twice as large: the left edge of pixel 0 (-0.5) stays the left edge; centre 0 becomes 0.5.
		Quad q = new Quad(-0.5, -0.5, 9.5, -0.5, 9.5, 4.5, -0.5, 4.5).scaled(2, 3);

		assertThat(q).isEqualTo(new Quad(-0.5, -0.5, 19.5, -0.5, 19.5, 14.5, -0.5, 14.5));
		assertThat(new Quad(0, 0, 0, 0, 0, 0, 0, 0).scaled(2, 2).x0()).isEqualTo(0.5);
	}

	@Test
	void aSliceAlongATiltedLineFollowsTheTilt() {
		Quad line = new Quad(0, 0, 100, 10, 99, 20, -1, 10);

		Quad slice = line.slice(0.25, 0.5);

		assertThat(slice).isEqualTo(new Quad(25, 2.5, 50, 5, 49, 15, 24, 12.5));
	}

	@Test
	void turningCounterClockwiseStartsReadingAtTheOldTopRightCorner() {
		Quad tall = new Quad(0, 0, 10, 0, 10, 100, 0, 100);

		Quad turned = tall.turnedCounterClockwise();

		assertThat(turned).isEqualTo(new Quad(10, 0, 10, 100, 0, 100, 0, 0));
		assertThat(turned.width()).isEqualTo(100);
		assertThat(turned.height()).isEqualTo(10);
	}

	@Test
	void readingOrderIsTopToBottomAndLeftToRightWithinARow() {
		Quad right = box(300, 10, 100, 20);
		Quad left = box(10, 14, 100, 20);
		Quad below = box(10, 60, 100, 20);

		assertThat(OcrEngine.readingOrder(List.of(below, right, left))).containsExactly(left, right, below);
	}

	@Test
	void linesComeFirstThenTheirWordsWithParentIdsAndRatioGeometry() {
		// On a 200 x 100 image, the line covers pixels 10-109 across and 20-39 down.
		Quad box = box(9.5, 19.5, 100, 20);
		CtcDecoder.Line first = new CtcDecoder.Line(" TASK  LENS ", 0.9, List.of());
		List<CtcDecoder.Word> words = List.of(new CtcDecoder.Word("TASK", 0.95, 0.1, 0.4),
				new CtcDecoder.Word("LENS", 0.85, 0.5, 0.9));
		Quad second = box(9.5, 59.5, 50, 20);
		CtcDecoder.Line other = new CtcDecoder.Line("2026", 0.8, List.of());

		List<TextDetection> found = OcrEngine.detections(List.of(new OcrEngine.Read(box, first, words),
				new OcrEngine.Read(second, other, List.of(new CtcDecoder.Word("2026", 0.8, 0, 1)))), 200, 100);

		assertThat(found).extracting(TextDetection::detectedText).containsExactly("TASK LENS", "2026", "TASK",
				"LENS", "2026");
		assertThat(found).extracting(TextDetection::type).containsExactly(Type.LINE, Type.LINE, Type.WORD,
				Type.WORD, Type.WORD);
		assertThat(found).extracting(TextDetection::id).containsExactly(0, 1, 2, 3, 4);
		assertThat(found).extracting(TextDetection::parentId).containsExactly(null, null, 0, 0, 1);
		assertThat(found).extracting(TextDetection::confidence).containsExactly(90.0, 80.0, 95.0, 85.0, 80.0);
		assertBox(found.get(0).geometry().boundingBox(), 0.05, 0.2, 0.5, 0.2);
		assertThat(found.get(0).geometry().polygon()).containsExactly(new Point(0.05, 0.2), new Point(0.55, 0.2),
				new Point(0.55, 0.4), new Point(0.05, 0.4));
		// "TASK" is 10 % to 40 % along the 100-pixel line: pixels 20-49.
		assertBox(found.get(2).geometry().boundingBox(), 0.1, 0.2, 0.15, 0.2);
	}

	@Test
	void geometryIsClampedToTheImage() {
		BoundingBox clamped = OcrEngine.geometry(box(-20, -10, 300, 50), 200, 100).boundingBox();

		assertBox(clamped, 0, 0, 1, 0.405);
	}

	private static Quad box(double left, double top, double width, double height) {
		return new Quad(left, top, left + width, top, left + width, top + height, left, top + height);
	}

	private static void assertBox(BoundingBox box, double left, double top, double width, double height) {
		assertThat(box.left()).isCloseTo(left, within(1e-9));
		assertThat(box.top()).isCloseTo(top, within(1e-9));
		assertThat(box.width()).isCloseTo(width, within(1e-9));
		assertThat(box.height()).isCloseTo(height, within(1e-9));
	}
}
