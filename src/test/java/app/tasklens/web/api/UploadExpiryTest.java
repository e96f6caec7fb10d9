package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
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

	/**
	 * The process died after the upload's file was renamed into place and before it gave the notice that
	 * the object was created: the file is there under the object key and the attachment still waits for
	 * its bytes. The sweep finds the object and gives the notice: an image is taken, anything else is
	 * rejected and its file goes; neither stays stuck waiting.
	 */
	@Test
	void aFileLeftBeforeItsNoticeIsTakenByTheSweepOrRejectedWithItsFileGone() throws Exception {
		ApiClient api = new ApiClient(port);
		User bob = api.signUp(ApiClient.unique("bob"));
		String task = api.createTask(bob, "Walk the dog").path("id").asString();
		String image = leftBehind(api, bob, task, TestImages.png(10, 10));
		String junk = leftBehind(api, bob, task, "not a picture".getBytes());

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(api.get(image).as(bob).send().expect(200).json().path("status").asString())
				.isIn("UPLOADED", "LABELING", "LABELED");
			assertThat(api.get(junk).as(bob).send().expect(200).json().path("status").asString()).isEqualTo("REJECTED");
		});
		assertThat(api.get(junk).as(bob).send().json().path("error").asString()).contains("not a JPEG, PNG or WebP");
		assertThat(StoredState.filesUnder(dataDir.resolve("objects").resolve(bob.id()).resolve(task))).hasSize(1);
	}

	/** An upload URL's attachment, whose file is in place as a crash after the rename leaves it. */
	private String leftBehind(ApiClient api, User user, String task, byte[] bytes) throws Exception {
		JsonNode signed = api.get("/api/signedUrl?taskId=" + task + "&filename=a.png&filetype=image/png").as(user)
			.send().expect(200).json();
		Path file = dataDir.resolve("objects").resolve(signed.path("objectName").asString());
		Files.createDirectories(file.getParent());
		Files.write(file, bytes);
		return "/api/tasks/" + task + "/attachments/" + signed.path("attachmentId").asString();
	}
}
