package app.tasklens.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever the bytes, the header checks answer with a header or an {@link InvalidImageException}: no
 * other exception, no hang, no huge allocation. Without {@code JAZZER_FUZZ=1} this runs the seeds in
 * {@code ImageHeaderFuzzTestInputs/} (regression mode); with it, Jazzer mutates them for 20 seconds.
 */
class ImageHeaderFuzzTest {

	@FuzzTest(maxDuration = "20s")
	void answersEveryInputWithAHeaderOrAnInvalidImage(byte[] bytes) throws IOException {
		ImageHeader header;
		try {
			header = ImageHeader.read(new ByteArrayInputStream(bytes));
		}
		catch (InvalidImageException ex) {
			assertThat(ex.reason()).isNotNull();
			assertThat(ex.getMessage()).isNotBlank();
			return;
		}
		assertThat(header.width()).isPositive();
		assertThat(header.height()).isPositive();
		assertThat(header.orientation()).isBetween(1, 8);
		try {
			// The structure check reads the same header first, then more of the file.
			assertThat(ImageHeader.verify(new ByteArrayInputStream(bytes))).isEqualTo(header);
		}
		catch (InvalidImageException ex) {
			assertThat(ex.getMessage()).isNotBlank();
		}
	}
}
