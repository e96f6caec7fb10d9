package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import app.tasklens.TasklensProcess;
import app.tasklens.TestImages;
import app.tasklens.web.api.ApiClient;
import app.tasklens.web.api.ApiClient.User;

/**
 * SIGTERM while the models are still loading, and while images are being labeled, stops the server
 * cleanly (exit 0, or 143 for the signal) instead of crashing in ONNX Runtime: shutdown waits for the load
 * and the inferences before it closes the sessions. Each server runs with the launcher's JVM options, so a
 * crash would leave its {@code hs_err_pid*.log} in the data folder (or in the working directory, which is
 * the data folder here too).
 */
class ShutdownTest {

	@Test
	void stoppingDuringThePreloadOfTheModelsExitsCleanly() throws Exception {
		Path dataDir = dataDir("preload-");
		TasklensProcess server = TasklensProcess.launch(dataDir, "server", TasklensProcess.launcherJvmOptions(dataDir));
		try {
			await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
				.failFast("the server exited", () -> !server.isAlive())
				.until(() -> server.log().contains("Started TasklensApplication"));
			assertThat(server.log()).as("stopped before the models were loaded").doesNotContain("Label models loaded");

			assertThat(server.stop(Duration.ofMinutes(1))).as("exit code; log: %s", server.log()).isIn(0, 143);
		}
		finally {
			server.close();
		}
		assertNoCrashLog(dataDir);
	}

	@Test
	void stoppingWhileImagesAreBeingLabeledExitsCleanly() throws Exception {
		Path dataDir = dataDir("inference-");
		try (TasklensProcess server = TasklensProcess.start(dataDir, "server", TasklensProcess.launcherJvmOptions(dataDir))) {
			ApiClient api = new ApiClient(server.port());
			User alice = api.signUp("alice-" + System.nanoTime());
			String task = api.createTask(alice, "Photos").path("id").asString();
			byte[] photo = TestImages.darknet("horses.jpg");
			for (int i = 0; i < 12; i++) {
				JsonNode created = api.post("/api/tasks/" + task + "/attachments").as(alice)
					.json(Map.of("filename", "horses.jpg", "contentType", "image/jpeg", "size", photo.length)).send()
					.expect(201).json();
				api.put(created.path("upload").path("url").asString()).bytes("image/jpeg", photo).send().expect(200);
			}
			await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
				.until(() -> api.get("/api/tasks/" + task + "/attachments").as(alice).send().body().contains("\"LABELED\""));

			assertThat(server.stop(Duration.ofMinutes(1))).as("exit code; log: %s", server.log()).isIn(0, 143);
		}
		assertNoCrashLog(dataDir);
	}

	private static Path dataDir(String prefix) throws IOException {
		return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "shutdown-" + prefix);
	}

	private static void assertNoCrashLog(Path dataDir) throws IOException {
		try (Stream<Path> files = Files.list(dataDir)) {
			assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith("hs_err"));
		}
	}
}
