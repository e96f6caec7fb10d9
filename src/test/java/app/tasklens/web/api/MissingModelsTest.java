package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

import app.tasklens.TestImages;
import app.tasklens.labeling.MissingModels;
import app.tasklens.web.api.ApiClient.User;

/**
 * A server without its models (here: an empty models folder, fetching off) is a server condition, not a
 * failure of each image: health shows labeling PAUSED (the server stays UP), the reason is there for
 * admins, an upload waits as PENDING_MODEL telling the user that labeling is paused, without using up its
 * tries, and it is labeled once the model files are put in place.
 */
@ApiIntegrationTest
@TestPropertySource(properties = { "tasklens.vision.fetch-missing=false", "tasklens.vision.models-dir=${tasklens.data-dir}/models",
		"tasklens.labeling.model-wait=300ms", "tasklens.labeling.max-attempts=1" })
class MissingModelsTest {

	@LocalServerPort
	int port;

	@Autowired
	MissingModels missingModels;

	@Value("${tasklens.data-dir}")
	Path dataDir;

	@Test
	void uploadsWaitForTheModelsAndAreLabeledOnceTheyAreInPlace() throws Exception {
		ApiClient api = new ApiClient(port);
		ImageUploads uploads = new ImageUploads(api, port);
		User alice = api.signUp("alice-" + System.nanoTime());
		String task = api.createTask(alice, "Walk the dog").path("id").asString();

		String id = uploads.attach(alice, task, "dog.jpg", "image/jpeg", TestImages.darknet("dog.jpg")).path("id")
			.asString();
		JsonNode waiting = uploads.awaitStatus(alice, task, id, Set.of("PENDING_MODEL", "LABELED", "FAILED"),
				Duration.ofSeconds(60));

		assertThat(waiting.path("status").asString()).isEqualTo("PENDING_MODEL");
		assertThat(waiting.path("error").asString()).isEqualTo("Labeling is paused: the server is missing its models");
		assertThat(missingModels.condition()).hasValueSatisfying(
				condition -> assertThat(condition.reason()).contains("missing: put file").contains("sha256"));
		JsonNode health = api.get("/actuator/health").send().expect(200).json();
		assertThat(health.path("status").asString()).isEqualTo("UP");
		assertThat(health.path("components").path("labeling").path("status").asString()).isEqualTo("PAUSED");
		assertThat(health.path("components").path("labeling").has("details")).as("the reason is for admins").isFalse();
		// With max-attempts=1 a single counted try would have FAILED it: waiting counts none.

		putModelsInPlace(dataDir.resolve("models"));

		JsonNode labeled = uploads.awaitStatus(alice, task, id, Set.of("LABELED", "FAILED"), Duration.ofSeconds(120));
		assertThat(labeled.path("status").asString()).isEqualTo("LABELED");
		assertThat(labeled.path("error").isNull()).isTrue();
		assertThat(missingModels.areMissing()).isFalse();
		assertThat(api.get("/actuator/health").send().expect(200).json().path("components").path("labeling")
			.path("status").asString()).isEqualTo("UP");
	}

	/** Links to the test's model files, as an operator would copy them in. */
	private static void putModelsInPlace(Path models) throws IOException {
		Files.createDirectories(models);
		try (Stream<Path> files = Files.list(Path.of(System.getProperty("tasklens.test.models-dir")))) {
			files.filter(Files::isRegularFile).forEach(file -> {
				try {
					Files.createSymbolicLink(models.resolve(file.getFileName()), file.toAbsolutePath());
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}
}
