package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiClient.User;

/**
 * Labeling that cannot run (here: the models directory is empty and fetching is off) is tried
 * {@code max-attempts} times with a doubling pause, then the attachment is FAILED with the detector's
 * own words, which tell the operator which file to put where.
 */
@ApiIntegrationTest
@TestPropertySource(properties = {"tasklens.vision.models-dir=${tasklens.data-dir}/models",
		"tasklens.labeling.retry-backoff=400ms",
		"tasklens.labeling.max-attempts=3"})
class LabelingRetryTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void triesThreeTimesWithBackoffThenFailsWithAReadableReason() throws Exception {
		ApiClient api = new ApiClient(port);
		ImageUploads uploads = new ImageUploads(api, port);
		User alice = api.signUp("alice-" + System.nanoTime());
		String task = api.createTask(alice, "Walk the dog").path("id").asString();

		long start = System.nanoTime();
		String id = uploads.attach(alice, task, "dog.jpg", "image/jpeg", TestImages.darknet("dog.jpg")).path("id")
			.asString();
		JsonNode attachment = uploads.awaitStatus(alice, task, id, Set.of("LABELED", "FAILED"), Duration.ofSeconds(30));
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(attachment.path("status").asString()).isEqualTo("FAILED");
		assertThat(attachment.path("error").asString()).contains("missing").contains("sha256");
		// Tries at 0, 0.4 s and 1.2 s; two tries would end at 0.4 s, four at 2.8 s.
		assertThat(took).isBetween(Duration.ofMillis(1200), Duration.ofMillis(2800));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM labeling_jobs").query(Long.class).single()).isZero();

		api.post(ImageUploads.path(task, id) + "/relabel").as(alice).send().expect(202);
		assertThat(uploads.awaitStatus(alice, task, id, Set.of("FAILED"), Duration.ofSeconds(30)).path("error").asString())
			.contains("missing");
	}
}
