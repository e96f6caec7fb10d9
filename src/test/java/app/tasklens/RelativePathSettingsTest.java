package app.tasklens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import app.tasklens.vision.VisionSettings;

/**
 * Folders given as relative paths that climb with {@code ..} (as in {@code --models-dir ../shared/models})
 * are plain file paths: the app starts and uses them, rather than failing to read them as resource
 * locations.
 */
@SpringBootTest(properties = { "tasklens.data-dir=target/../target/test-tmp/relative-data",
		"tasklens.vision.models-dir=../shared/models" })
class RelativePathSettingsTest {

	@Autowired
	VisionSettings vision;

	@Test
	void dataAndModelsDirectoriesMayBeRelativeWithDotDot() {
		assertThat(vision.modelsDir()).isEqualTo(Path.of("../shared/models"));
		assertThat(Files.isRegularFile(Path.of("target/test-tmp/relative-data/tasklens.db"))).isTrue();
	}
}
