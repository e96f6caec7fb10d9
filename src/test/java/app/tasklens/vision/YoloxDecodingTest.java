package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class YoloxDecodingTest {

	@Test
	void letterboxKeepsAspectAndTruncatesLikeYolox() {
		assertThat(Letterbox.fit(768, 576, 416)).isEqualTo(new Letterbox(416, 416.0 / 768, 416, 312, 768, 576));
		assertThat(Letterbox.fit(480, 640, 416)).isEqualTo(new Letterbox(416, 0.65, 312, 416, 480, 640));
		assertThat(Letterbox.fit(333, 500, 416)).isEqualTo(new Letterbox(416, 0.832, 277, 416, 333, 500));
		assertThat(Letterbox.fit(10, 5, 416)).isEqualTo(new Letterbox(416, 41.6, 416, 208, 10, 5));
		assertThat(Letterbox.fit(768, 576, 416).toImage(208)).isEqualTo(384.0);
	}

	@Test
	void boxesMapBackToRatiosOfTheImage() {
		Letterbox letterbox = Letterbox.fit(640, 480, 416); // scale 0.65

		Detection box = letterbox.toImageRatios(new Detection(3, 0.5f, 104, 78, 312, 234));

		assertThat(new float[] { box.x1(), box.y1(), box.x2(), box.y2() })
			.containsExactly(new float[] { 0.25f, 0.25f, 0.75f, 0.75f }, within(1e-6f));
		assertThat(box.classIndex()).isEqualTo(3);
		assertThat(box.score()).isEqualTo(0.5f);
	}

	@Test
	void mirroringTheLetterboxSwapsImageColumnsAndLeavesThePadding() {
		Letterbox letterbox = Letterbox.fit(1, 3, 416); // 138 × 416 in the left of the square
		float[] planes = new float[3 * 416 * 416];
		for (int plane = 0; plane < 3; plane++) {
			for (int x = 0; x < 416; x++) {
				planes[plane * 416 * 416 + 5 * 416 + x] = x; // row 5
			}
		}

		ObjectDetector.mirrorInPlace(planes, letterbox);

		int row = 5 * 416;
		assertThat(planes[row]).isEqualTo(137);
		assertThat(planes[row + 137]).isZero();
		assertThat(planes[2 * 416 * 416 + row + 10]).isEqualTo(127);
		assertThat(planes[row + 138]).isEqualTo(138); // padding column
		assertThat(planes[row + 415]).isEqualTo(415);
	}

	@Test
	void gridHas3549CellsAt416() {
		assertThat(YoloxDecoding.cells(416)).isEqualTo(52 * 52 + 26 * 26 + 13 * 13).isEqualTo(3549);
	}

	@Test
	void decodesACellOfTheStride16GridToACornerBox() {
		float[] output = new float[3549 * 85];
		int cell = 52 * 52 + 2 * 26 + 3; // stride 16, gx = 3, gy = 2
		int o = cell * 85;
		output[o] = 0.5f;
		output[o + 1] = 0.25f;
		output[o + 2] = (float) Math.log(2);
		output[o + 3] = 0f;
		output[o + 4] = 0.9f;
		output[o + 5 + 3] = 0.5f;
		output[o + 5 + 7] = 0.8f;
		// a cell below the score floor is skipped
		output[4] = 0.05f;
		output[5] = 1f;

		List<Detection> boxes = YoloxDecoding.decode(output, 416, 80, 0.1f);

		assertThat(boxes).hasSize(1);
		Detection box = boxes.get(0);
		assertThat(box.classIndex()).isEqualTo(7);
		assertThat(box.score()).isCloseTo(0.72f, within(1e-6f));
		// centre (3.5·16, 2.25·16) = (56, 36), size 2·16 × 1·16
		assertThat(new float[] { box.x1(), box.y1(), box.x2(), box.y2() })
			.containsExactly(new float[] { 40, 28, 72, 44 }, within(1e-4f));
	}

	@Test
	void nmsDropsOverlapsWithinAClassOnly() {
		Detection best = new Detection(0, 0.9f, 0, 0, 10, 10);
		Detection overlapping = new Detection(0, 0.8f, 1, 0, 11, 10); // IoU 90 / 110
		Detection otherClass = new Detection(1, 0.7f, 1, 0, 11, 10);
		Detection touching = new Detection(0, 0.85f, 5, 0, 15, 10); // IoU 50 / 150
		Detection apart = new Detection(0, 0.6f, 20, 20, 30, 30);

		List<Detection> kept = YoloxDecoding.nms(List.of(apart, overlapping, otherClass, best, touching), 0.45f);

		assertThat(best.iou(touching)).isCloseTo(1 / 3f, within(1e-6f));
		assertThat(kept).containsExactly(best, touching, otherClass, apart);
	}

	@Test
	void iouOfDisjointOrEmptyBoxesIsZero() {
		assertThat(new Detection(0, 1, 0, 0, 1, 1).iou(new Detection(0, 1, 2, 2, 3, 3))).isZero();
		assertThat(new Detection(0, 1, 0, 0, 0, 5).iou(new Detection(0, 1, 0, 0, 1, 5))).isZero();
	}
}
