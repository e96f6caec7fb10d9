package app.tasklens.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sqlite.SQLiteDataSource;

import tools.jackson.databind.JsonNode;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiClient;
import app.tasklens.web.api.ApiClient.User;

/**
 * {@code kill -9} while 50 uploads are being labeled loses nothing: the server runs as a process of its
 * own, is killed with SIGKILL ({@code destroyForcibly}) once labeling is under way, and is started again
 * on the same data directory; then every image ends LABELED, with exactly one label set each.
 *
 * <p>The lease is 3 s here instead of 30 s so that the jobs the dead process held come back sooner; the
 * mechanism is the same.
 */
class LabelingCrashTest {

	private static final int IMAGES = 50;
	private static final List<String> PHOTOS = List.of("dog.jpg", "eagle.jpg", "giraffe.jpg", "horses.jpg",
			"person.jpg");

	@Test
	void everyUploadedImageEndsLabeledAfterAKillDashNineAndARestart() throws Exception {
		Path dataDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "crash-");
		List<String> ids;
		String task;
		User alice;
		int labeledAtKill;

		try (Server first = Server.start(dataDir, "first")) {
			ApiClient api = new ApiClient(first.port);
			alice = api.signUp("alice-" + System.nanoTime());
			task = api.createTask(alice, "Fifty photos").path("id").asString();
			ids = uploadAll(api, alice, task);

			labeledAtKill = awaitSomeLabeled(api, alice, task);
			first.kill();
		}
		assertThat(labeledAtKill).as("killed while labeling").isBetween(1, IMAGES - 1);

		try (Server second = Server.start(dataDir, "second")) {
			ApiClient api = new ApiClient(second.port);
			String token = api.token(alice.username(), alice.password());
			User again = new User(alice.id(), alice.username(), alice.password(), token);
			Map<String, String> statuses = awaitAllDone(api, again, task, Duration.ofMinutes(3));

			assertThat(statuses.keySet()).hasSize(IMAGES).containsExactlyInAnyOrderElementsOf(ids);
			assertThat(statuses.values()).containsOnly("LABELED");
			for (JsonNode attachment : attachments(api, again, task)) {
				assertThat(attachment.path("labels").isEmpty()).as("labels of %s", attachment.path("filename")).isFalse();
			}
			JdbcClient db = database(dataDir);
			assertThat(db.sql("SELECT COUNT(*) FROM attachment_labels").query(Long.class).single()).isEqualTo(IMAGES);
			assertThat(db.sql("SELECT COUNT(DISTINCT attachment_id) FROM attachment_labels").query(Long.class).single())
				.isEqualTo(IMAGES);
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

	/** Tasklens as a separate JVM from this test's class path, output in {@code <data>/<name>.log}. */
	private static final class Server implements AutoCloseable {

		final Process process;
		final int port;

		private Server(Process process, int port) {
			this.process = process;
			this.port = port;
		}

		static Server start(Path dataDir, String name) throws IOException {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			List<String> arguments = List.of("-Xmx384m", "-cp", System.getProperty("java.class.path"),
					"app.tasklens.TasklensApplication", "--server.port=" + port, "--tasklens.data-dir=" + dataDir,
					"--tasklens.vision.models-dir=" + System.getProperty("tasklens.test.models-dir"),
					"--tasklens.labeling.lease=3s");
			// In an argument file, not on the command line: ONNX Runtime 1.29 crashes (SIGSEGV) while it starts
			// when /proc/self/cmdline is longer than about 4 KB, and the class path alone is 19 KB.
			Path argumentFile = Files.write(dataDir.resolve(name + ".args"),
					arguments.stream().map(argument -> '"' + argument.replace("\\", "\\\\").replace("\"", "\\\"") + '"')
						.toList());
			String java = ProcessHandle.current().info().command().orElse("java");
			Process process = new ProcessBuilder(java, "@" + argumentFile)
				.redirectErrorStream(true)
				.redirectOutput(dataDir.resolve(name + ".log").toFile())
				.start();
			Server server = new Server(process, port);
			server.awaitHealthy(dataDir.resolve(name + ".log"));
			return server;
		}

		/** Healthy, or failing at once with the log when the process exited; connection refusals mean not yet. */
		private void awaitHealthy(Path log) {
			ApiClient api = new ApiClient(port);
			await("server healthy").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
				.ignoreExceptionsInstanceOf(UncheckedIOException.class)
				.until(() -> {
					assertThat(process.isAlive()).as("server exited: %s", Files.readString(log)).isTrue();
					return api.get("/actuator/health").send().status() == 200;
				});
		}

		/** SIGKILL: no shutdown hook, no flush, no lease given back. */
		void kill() throws InterruptedException {
			process.destroyForcibly();
			process.waitFor();
		}

		@Override
		public void close() throws InterruptedException {
			if (process.isAlive()) {
				process.destroy();
				if (!process.waitFor(30, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor();
				}
			}
		}
	}
}
