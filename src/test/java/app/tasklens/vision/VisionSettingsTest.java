package app.tasklens.vision;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The server binds {@code tasklens.vision.*} through the full constructor, defaults included. */
class VisionSettingsTest {

	@Test
	void bindsTheNativeCacheFolderNextToTheOtherSettings() {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("tasklens.vision.models-dir", "data/models",
				"tasklens.vision.native-cache-dir", "data/.cache")));

		VisionSettings settings = binder.bind("tasklens.vision", VisionSettings.class).get();

		assertThat(settings.modelsDir()).isEqualTo(Path.of("data/models"));
		assertThat(settings.nativeCacheDir()).isEqualTo(Path.of("data/.cache"));
		assertThat(settings.intraOpThreads()).isEqualTo(1);
		assertThat(settings.concurrentInferences()).isEqualTo(Runtime.getRuntime().availableProcessors());
		assertThat(settings.fetchMissing()).isTrue();
	}
}
