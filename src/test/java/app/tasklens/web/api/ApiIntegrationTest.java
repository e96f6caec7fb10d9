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
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port, with its data (SQLite file, keys) in a fresh directory under
 * {@code target/test-tmp}; the context closes after the test class, so each class starts empty. Talk to it
 * with {@link ApiClient} on the {@code @LocalServerPort}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ApiIntegrationTest.FreshDataDir.class)
@DirtiesContext
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
