package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the start-up line reports: which model files are missing or cut short. */
class ModelFilesTest {

	@Test
	void aFolderWithoutModelsLacksThemAll(@TempDir Path folder) {
		assertThat(new ModelFiles(folder).absent()).containsExactly(Model.values());
	}

	@Test
	void aFileOfAnotherSizeCountsAsAbsentAndOneOfThePinnedSizeDoesNot(@TempDir Path folder) throws Exception {
		Files.write(folder.resolve(Model.PP_OCR_KEYS.file()), new byte[(int) Model.PP_OCR_KEYS.size()]);
		Files.write(folder.resolve(Model.YOLOX_NANO.file()), new byte[100]);

		assertThat(new ModelFiles(folder).absent()).contains(Model.YOLOX_NANO).doesNotContain(Model.PP_OCR_KEYS);
	}

	@Test
	void theSharedModelsAreAllThere() {
		Path shared = Path.of(System.getProperty("tasklens.test.models-dir", "../shared/models"));

		assertThat(new ModelFiles(shared).absent()).as("models in %s", shared).isEmpty();
		assertThat(Arrays.stream(Model.values()).map(Model::file)).allSatisfy(file -> assertThat(shared.resolve(file)).exists());
	}
}
