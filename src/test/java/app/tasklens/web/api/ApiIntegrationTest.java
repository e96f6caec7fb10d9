package app.tasklens.web.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port, with the test models and its data (SQLite file, objects, keys)
 * in a fresh directory under {@code target/test-tmp}. Talk to it with {@link ApiClient} on the
 * {@code @LocalServerPort}, or with the {@code MockMvc} it also offers (which can set a client address).
 *
 * <p>One application serves every test class that carries this annotation and nothing that changes the
 * configuration: Spring's test context cache keeps it for the whole run, so it starts once instead of once
 * per class. Tests therefore isolate themselves by user: each signs up its own (with
 * {@link ApiClient#unique}) and looks only at that user's rows and files. A class that really needs other
 * settings adds a {@code @TestPropertySource} and gets a context of its own; classes with the same extra
 * settings (the same array, in the same order) share theirs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "tasklens.vision.models-dir=${tasklens.test.models-dir}")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = ApiIntegrationTest.FreshDataDir.class)
public @interface ApiIntegrationTest {

	class FreshDataDir implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			context.getEnvironment().getPropertySources()
				.addFirst(new MapPropertySource("fresh-data-dir", Map.of("tasklens.data-dir", newDataDir().toString())));
		}

		/** A new, empty directory under the test temp folder ({@code target/test-tmp} in the build). */
		public static Path newDataDir() {
			try {
				return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "tasklens-data-");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}
}
