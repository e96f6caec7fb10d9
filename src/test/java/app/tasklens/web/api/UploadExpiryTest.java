package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiClient.User;

/**
 * An upload URL stops working when it expires, and an attachment whose bytes never came is removed one
 * URL lifetime later. Upload URLs live two seconds here.
 */
@ApiIntegrationTest
@TestPropertySource(properties = {"tasklens.attachments.upload-url-ttl=2s", "tasklens.attachments.sweep-interval=200ms"})
class UploadExpiryTest {

	@LocalServerPort
	int port;

	@Value("${tasklens.data-dir}")
	Path dataDir;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anExpiredUploadUrlIsRefusedAndItsAttachmentGoes() throws Exception {
		ApiClient api = new ApiClient(port);
		ImageUploads uploads = new ImageUploads(api, port);
		User alice = api.signUp("alice-" + System.nanoTime());
		String task = api.createTask(alice, "Walk the dog").path("id").asString();
		JsonNode created = uploads.request(alice, task, "a.png", "image/png", null).expect(201).json();
		String self = created.path("attachment").path("links").path("self").asString();

		Thread.sleep(2100);
		StoredState before = StoredState.of(jdbc, dataDir, alice.id(), task);
		ApiClient.Response expired = uploads.upload(created, TestImages.png(10, 10)).expect(403);

		assertThat(expired.json().path("detail").asString()).contains("expired");
		assertThat(StoredState.of(jdbc, dataDir, alice.id(), task)).isEqualTo(before);
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (api.get(self).as(alice).send().status() == 200) {
			assertThat(System.nanoTime()).as("abandoned attachment still there").isLessThan(deadline);
			Thread.sleep(100);
		}
		api.get(self).as(alice).send().expect(404);
	}
}
