package app.tasklens.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.tasklens.vision.Model;

/** The start-up line says where to go, where the data and models are, and what to do about missing models. */
class StartupLineTest {

	private static final Path DATA = Path.of("data");
	private static final Path MODELS = Path.of("data/../models");

	@Test
	void namesTheAddressAndBothFoldersAbsolutely() {
		String line = StartupLine.text("http://localhost:8080/", DATA, MODELS, List.of(), true);

		assertThat(line).isEqualTo("Tasklens is ready at http://localhost:8080/ | data folder "
				+ DATA.toAbsolutePath() + " | models folder " + Path.of("models").toAbsolutePath() + ": models ready");
	}

	@Test
	void saysWhichModelsAreMissingAndThatTheyAreBeingFetched() {
		String line = StartupLine.text("http://localhost:8080/", DATA, MODELS, List.of(Model.YOLOX_NANO, Model.PP_OCR_KEYS),
				true);

		assertThat(line).endsWith(": missing yolox_nano.onnx, ppocr_keys_v1.txt; fetching them from their sources now"
				+ " (needs a network), images are labeled once they are in place");
	}

	@Test
	void saysHowToFixMissingModelsWhenNothingFetchesThem() {
		String line = StartupLine.text("http://localhost:8080/", DATA, MODELS, List.of(Model.YOLOX_NANO), false);

		assertThat(line).contains(": missing yolox_nano.onnx; images cannot be labeled until they are there")
			.contains("--models-dir DIR");
	}
}
