package app.tasklens.decoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import app.tasklens.TasklensProcess;
import app.tasklens.TestImages;
import app.tasklens.web.api.ApiClient;
import app.tasklens.web.api.ApiClient.Response;
import app.tasklens.web.api.ApiClient.User;

/**
 * The red-team case of 44-byte lossless WebP files declaring 10000 × 5000 pixels, against a server started
 * with the launcher's own JVM options (384 MB heap, exit on OutOfMemoryError): six uploaded at once, four
 * thumbnails of one at once and six sent to {@code POST /api/detect-labels} at once used to kill it. Now
 * each is refused with a reason, the server stays up, and a real photo is still labeled after them.
 */
class DecompressionBombTest {

	private static final int UPLOADS = 6;

	@Test
	void tinyWebpBombsAreRefusedWithAReasonAndTheServerStaysUp() throws Exception {
		Path dataDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "bomb-");
		byte[] bomb = TestImages.webpBomb(10_000, 5_000);
		assertThat(bomb).hasSize(44);

		ExecutorService clients = Executors.newFixedThreadPool(UPLOADS);
		try (TasklensProcess server = TasklensProcess.start(dataDir, "server", TasklensProcess.launcherJvmOptions(dataDir))) {
			ApiClient api = new ApiClient(server.port());
			User mallory = api.signUp("mallory-" + System.nanoTime());
			String task = api.createTask(mallory, "Bombs").path("id").asString();

			List<String> ids = all(clients, UPLOADS, () -> upload(api, mallory, task, "bomb.webp", "image/webp", bomb));
			for (String id : ids) {
				JsonNode failed = awaitDone(api, mallory, task, id);
				assertThat(failed.path("status").asString()).isEqualTo("FAILED");
				assertThat(failed.path("error").asString()).contains("too large to label")
					.contains("10000 × 5000 pixels");
			}

			String thumbnail = "/api/tasks/" + task + "/attachments/" + ids.get(0) + "/thumbnail";
			for (Response response : all(clients, 4, () -> api.get(thumbnail).as(mallory).send())) {
				response.expect(422);
			}

			List<Response> detections = all(clients, UPLOADS,
					() -> api.post("/api/detect-labels").as(mallory).bytes("image/webp", bomb).send());
			assertThat(detections).extracting(Response::status).containsAnyOf(422).allMatch(s -> s == 422 || s == 503);
			detections.stream().filter(response -> response.status() == 422)
				.forEach(response -> assertThat(response.json().path("detail").asString())
					.contains("more than the").contains("sets aside for decoding images"));

			assertThat(server.isAlive()).as("server alive; its log: %s", server.log()).isTrue();
			String dog = upload(api, mallory, task, "dog.jpg", "image/jpeg", TestImages.darknet("dog.jpg"));
			assertThat(awaitDone(api, mallory, task, dog).path("status").asString()).isEqualTo("LABELED");
		}
		finally {
			clients.shutdownNow();
		}
		try (Stream<Path> files = Files.list(dataDir)) {
			assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith("hs_err"));
		}
	}

	private static String upload(ApiClient api, User user, String task, String name, String type, byte[] bytes) {
		JsonNode created = api.post("/api/tasks/" + task + "/attachments").as(user)
			.json(Map.of("filename", name, "contentType", type, "size", bytes.length)).send().expect(201).json();
		api.put(created.path("upload").path("url").asString()).bytes(type, bytes).send().expect(200);
		return created.path("attachment").path("id").asString();
	}

	private static JsonNode awaitDone(ApiClient api, User user, String task, String id) {
		String path = "/api/tasks/" + task + "/attachments/" + id;
		return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
			.until(() -> api.get(path).as(user).send().expect(200).json(),
					attachment -> Stream.of("LABELED", "FAILED").anyMatch(attachment.path("status").asString()::equals));
	}

	/** {@code count} calls at once. */
	private static <T> List<T> all(ExecutorService pool, int count, Callable<T> call) throws Exception {
		List<Future<T>> futures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			futures.add(pool.submit(call));
		}
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get());
		}
		return results;
	}
}
