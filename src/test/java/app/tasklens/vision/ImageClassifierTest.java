package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import app.tasklens.vision.ImageClassifier.CenterCrop;

class ImageClassifierTest {

	@Test
	void shortSideGoesTo256AndTheCropIsCentredRoundingHalfToEven() {
		// 500 × 375 → 341 × 256; (341 − 224) / 2 = 58.5 rounds to 58 as Python's round does
		assertThat(CenterCrop.of(500, 375, 256, 224)).isEqualTo(new CenterCrop(341, 256, 58, 16));
		assertThat(CenterCrop.of(375, 500, 256, 224)).isEqualTo(new CenterCrop(256, 341, 16, 58));
		// (342 − 224) / 2 = 59 exactly; 640 × 480 → int(256 · 640 / 480) = 341
		assertThat(CenterCrop.of(513, 384, 256, 224)).isEqualTo(new CenterCrop(342, 256, 59, 16));
		assertThat(CenterCrop.of(640, 480, 256, 224)).isEqualTo(new CenterCrop(341, 256, 58, 16));
		assertThat(CenterCrop.of(100, 100, 256, 224)).isEqualTo(new CenterCrop(256, 256, 16, 16));
	}
}
