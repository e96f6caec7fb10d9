package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

import app.tasklens.MutableClock;
import app.tasklens.TestImages;
import app.tasklens.web.api.ApiClient.User;

/**
 * An upload URL stops working when it expires, and an attachment whose bytes never came is removed one
 * URL lifetime later. The application's clock is moved by hand past both; the sweep runs every 200 ms.
 */
@ApiIntegrationTest
@TestPropertySource(properties = "tasklens.attachments.sweep-interval=200ms")
@Import(MutableClock.AsApplicationClock.class)
class UploadExpiryTest {

	private static final Duration URL_LIFETIME = Duration.ofMinutes(15);

	@LocalServerPort
	int port;

	@Value("${tasklens.data-dir}")
	Path dataDir;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void anExpiredUploadUrlIsRefusedAndItsAttachmentGoes() {
		ApiClient api = new ApiClient(port);
		ImageUploads uploads = new ImageUploads(api, port);
		User alice = api.signUp(ApiClient.unique("alice"));
		String task = api.createTask(alice, "Walk the dog").path("id").asString();
		JsonNode created = uploads.request(alice, task, "a.png", "image/png", null).expect(201).json();
		String self = created.path("attachment").path("links").path("self").asString();

		clock.advance(URL_LIFETIME.plusSeconds(1));
		StoredState before = StoredState.of(jdbc, dataDir, alice.id(), task);
		ApiClient.Response expired = uploads.upload(created, TestImages.png(10, 10)).expect(403);

		assertThat(expired.json().path("detail").asString()).contains("expired");
		assertThat(StoredState.of(jdbc, dataDir, alice.id(), task)).isEqualTo(before);
		api.get(self).as(alice).send().expect(200);

		clock.advance(URL_LIFETIME);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(api.get(self).as(alice).send().status()).as("abandoned attachment").isEqualTo(404));
		api.get(self).as(alice).send().expect(404);
	}
}
