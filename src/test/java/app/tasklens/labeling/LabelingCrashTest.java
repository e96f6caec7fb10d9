package app.tasklens.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sqlite.SQLiteDataSource;

import tools.jackson.databind.JsonNode;

import app.tasklens.TasklensProcess;
import app.tasklens.TestImages;
import app.tasklens.web.api.ApiClient;
import app.tasklens.web.api.ApiClient.User;

/**
 * {@code kill -9} while 50 uploads are being labeled loses nothing: the server runs as a process of its
 * own, is killed with SIGKILL ({@code destroyForcibly}) once labeling is under way, and is started again
 * on the same data directory; then every image ends LABELED, with exactly one label set each. The images
 * the dead process held count one crash each and are tried again alone ({@code SuspectIsolation}), so the
 * innocent ones are labeled.
 *
 * <p>The lease is 3 s here instead of 30 s so that the jobs the dead process held come back sooner; the
 * mechanism is the same.
 */
class LabelingCrashTest {

	private static final int IMAGES = 50;
	private static final int WORKERS = 2;
	private static final List<String> PHOTOS = List.of("dog.jpg", "eagle.jpg", "giraffe.jpg", "horses.jpg",
			"person.jpg");

	@Test
	void everyUploadedImageEndsLabeledAfterAKillDashNineAndARestart() throws Exception {
		Path dataDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "crash-");
		List<String> ids;
		String task;
		User alice;
		int labeledAtKill;

		try (TasklensProcess first = server(dataDir, "first")) {
			ApiClient api = new ApiClient(first.port());
			alice = api.signUp("alice-" + System.nanoTime());
			task = api.createTask(alice, "Fifty photos").path("id").asString();
			ids = uploadAll(api, alice, task);

			labeledAtKill = awaitSomeLabeled(api, alice, task);
			first.kill();
		}
		assertThat(labeledAtKill).as("killed while labeling").isBetween(1, IMAGES - 1);

		try (TasklensProcess second = server(dataDir, "second")) {
			ApiClient api = new ApiClient(second.port());
			String token = api.token(alice.username(), alice.password());
			User again = new User(alice.id(), alice.username(), alice.password(), token);
			Map<String, String> statuses = awaitAllDone(api, again, task, Duration.ofMinutes(3));

			assertThat(statuses.keySet()).hasSize(IMAGES).containsExactlyInAnyOrderElementsOf(ids);
			assertThat(statuses.values()).containsOnly("LABELED");
			for (JsonNode attachment : attachments(api, again, task)) {
				assertThat(attachment.path("labels").isEmpty()).as("labels of %s", attachment.path("filename")).isFalse();
			}
			long labeled = IMAGES;
			JdbcClient db = database(dataDir);
			assertThat(db.sql("SELECT COUNT(*) FROM attachment_labels").query(Long.class).single()).isEqualTo(labeled);
			assertThat(db.sql("SELECT COUNT(DISTINCT attachment_id) FROM attachment_labels").query(Long.class).single())
				.isEqualTo(labeled);
			assertThat(db.sql("SELECT COUNT(*) FROM attachment_labels WHERE version <> 1").query(Long.class).single())
				.isZero();
			assertThat(db.sql("SELECT COUNT(*) FROM labeling_jobs").query(Long.class).single()).isZero();
		}
	}

	/** Asks for 50 upload URLs and sends the photos, four at a time; the attachment ids. */
	private static List<String> uploadAll(ApiClient api, User user, String task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<String>> uploads = new ArrayList<>();
			for (int i = 0; i < IMAGES; i++) {
				String photo = PHOTOS.get(i % PHOTOS.size());
				uploads.add(pool.submit(() -> upload(api, user, task, photo)));
			}
			List<String> ids = new ArrayList<>();
			for (Future<String> upload : uploads) {
				ids.add(upload.get());
			}
			return ids;
		}
		finally {
			pool.shutdown();
		}
	}

	private static String upload(ApiClient api, User user, String task, String photo) {
		byte[] bytes = TestImages.darknet(photo);
		JsonNode created = api.post("/api/tasks/" + task + "/attachments").as(user)
			.json(Map.of("filename", photo, "contentType", "image/jpeg", "size", bytes.length)).send().expect(201).json();
		api.put(created.path("upload").path("url").asString()).bytes("image/jpeg", bytes).send().expect(200);
		return created.path("attachment").path("id").asString();
	}

	/** Waits until labeling got under way, asking often so that most images are still to do; how many are labeled then. */
	private static int awaitSomeLabeled(ApiClient api, User user, String task) {
		return await("some image labeled").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(10))
			.until(() -> (int) statuses(api, user, task).values().stream().filter("LABELED"::equals).count(),
					labeled -> labeled > 0);
	}

	private static Map<String, String> awaitAllDone(ApiClient api, User user, String task, Duration timeout) {
		return await("every image labeled or failed").atMost(timeout).pollInterval(Duration.ofMillis(200))
			.until(() -> statuses(api, user, task), statuses -> statuses.values().stream()
				.allMatch(status -> status.equals("LABELED") || status.equals("FAILED")));
	}

	private static Map<String, String> statuses(ApiClient api, User user, String task) {
		return attachments(api, user, task).stream()
			.collect(Collectors.toMap(item -> item.path("id").asString(), item -> item.path("status").asString()));
	}

	private static List<JsonNode> attachments(ApiClient api, User user, String task) {
		List<JsonNode> items = new ArrayList<>();
		api.get("/api/tasks/" + task + "/attachments").as(user).send().expect(200).json().path("items")
			.forEach(items::add);
		return items;
	}

	private static JdbcClient database(Path dataDir) {
		SQLiteDataSource sqlite = new SQLiteDataSource();
		sqlite.setUrl("jdbc:sqlite:" + dataDir.resolve("tasklens.db"));
		return JdbcClient.create(sqlite);
	}

	private static TasklensProcess server(Path dataDir, String name) throws IOException {
		return TasklensProcess.start(dataDir, name, List.of("-Xmx384m"), "--tasklens.labeling.lease=3s",
				"--tasklens.labeling.workers=" + WORKERS);
	}
}
