package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import app.tasklens.labeling.UnreadableImageException;

/**
 * Whatever the bytes, decoding gives a BGR image of positive size or an {@link UnreadableImageException}
 * with a message: no other exception, no crash. Without {@code JAZZER_FUZZ=1} this runs the seeds in
 * {@code ImageDecoderFuzzTestInputs/} (regression mode); with it, Jazzer mutates them for 30 seconds.
 */
class ImageDecoderFuzzTest {

	private final ImageDecoder decoder = new ImageDecoder();

	@FuzzTest(maxDuration = "30s")
	void decodesOrRefusesAsUnreadable(byte[] bytes) {
		DecodedImage image;
		try {
			image = decoder.decode(bytes);
		}
		catch (UnreadableImageException ex) {
			assertThat(ex.getMessage()).isNotBlank();
			return;
		}
		assertThat(image.width()).isPositive();
		assertThat(image.height()).isPositive();
		assertThat(BgrImages.bytes(image.pixels()))
			.hasSize(3 * image.pixels().getWidth() * image.pixels().getHeight());
	}
}
