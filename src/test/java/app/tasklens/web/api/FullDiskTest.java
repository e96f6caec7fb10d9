package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiClient.Response;
import app.tasklens.web.api.ApiClient.User;

/**
 * The red-team case of a 20 MB data folder filled up, on a real full disk: the data folder is a 20 MB tmpfs
 * that this test mounts (the tests run as root on CI and on the development machines; without root the
 * mount fails and the test says so). Uploads fill it until the 4 MB reserve is reached; then an upload is
 * refused with 507 and a clear message while tasks are still saved; another writer fills the disk below the
 * reserve and health says DOWN; deleting a task still works and frees the space, and uploads are taken again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasklens.quota.min-free-space=4MB", "tasklens.vision.fetch-missing=false",
				"tasklens.attachments.sweep-interval=200ms" })
class FullDiskTest {

	private static Path mount;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void smallDisk(DynamicPropertyRegistry registry) throws Exception {
		mount = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "full-disk-");
		run("mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", mount.toString());
		registry.add("tasklens.data-dir", mount::toString);
	}

	@AfterAll
	static void unmount() throws Exception {
		// Lazily: the shared Spring context may still hold the database open until the JVM ends.
		run("umount", "-l", mount.toString());
	}

	@Test
	void aFullDataFolderRefusesUploadsWith507AndDeletingStillWorksAndFreesIt() throws IOException {
		ApiClient api = new ApiClient(port);
		ImageUploads uploads = new ImageUploads(api, port);
		User alice = api.signUp("alice-" + System.nanoTime());
		String task = api.createTask(alice, "Many photos").path("id").asString();
		byte[] photo = TestImages.darknet("dog.jpg");

		Response refused = null;
		for (int i = 0; i < 200 && refused == null; i++) {
			JsonNode created = uploads.request(alice, task, "dog.jpg", "image/jpeg", null).expect(201).json();
			Response sent = uploads.upload(created, photo);
			if (sent.status() != 200) {
				refused = sent;
			}
		}

		assertThat(refused).as("the 20 MB disk filled up").isNotNull();
		refused.expect(507);
		assertThat(refused.json().path("detail").asString()).contains("the server's storage is full");
		api.createTask(alice, "Tasks are still added: the reserve is for them");
		// Someone else fills the disk further, below the reserve: health says so.
		fill(mount.resolve("filler"), Files.getFileStore(mount).getUsableSpace() - 2_000_000);
		Response health = api.get("/actuator/health").send();
		assertThat(health.status()).isEqualTo(503);
		assertThat(health.json().path("components").path("diskSpace").path("status").asString()).isEqualTo("DOWN");

		api.deleteTask(alice, task);
		Files.delete(mount.resolve("filler"));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> api.get("/actuator/health").send().status() == 200);
		String another = api.createTask(alice, "Room again").path("id").asString();
		uploads.attach(alice, another, "dog.jpg", "image/jpeg", photo);
	}

	private static void fill(Path file, long bytes) throws IOException {
		try (var out = Files.newOutputStream(file)) {
			byte[] block = new byte[1 << 16];
			for (long left = bytes; left > 0; left -= block.length) {
				out.write(block, 0, (int) Math.min(block.length, left));
			}
		}
	}

	private static void run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed (this test mounts a 20 MB tmpfs as a"
					+ " real full disk and needs root, as on CI): " + output);
		}
	}
}
