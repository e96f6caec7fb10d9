package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiClient.Response;
import app.tasklens.web.api.ApiClient.User;

/**
 * What one user may take: a few unfinished uploads at once (3 here), a storage quota (400 KB here), and an
 * upload body that trickles in is cut off (below 1 KB/s after 1 s here) while others are still served.
 */
@ApiIntegrationTest
@TestPropertySource(properties = { "tasklens.quota.pending-uploads-per-user=3", "tasklens.quota.storage-per-user=400KB",
		"tasklens.uploads.min-rate=1KB", "tasklens.uploads.grace=1s", "tasklens.vision.fetch-missing=false" })
class UploadLimitsTest {

	@LocalServerPort
	int port;

	@Test
	void aUserHasAtMostThreeUnfinishedUploadsAndOthersAreNotAffected() {
		ApiClient api = new ApiClient(port);
		ImageUploads uploads = new ImageUploads(api, port);
		User alice = api.signUp("alice-" + System.nanoTime());
		User bob = api.signUp("bob-" + System.nanoTime());
		String task = api.createTask(alice, "Photos").path("id").asString();
		for (int i = 0; i < 3; i++) {
			uploads.request(alice, task, "a.png", "image/png", null).expect(201);
		}

		Response refused = uploads.request(alice, task, "a.png", "image/png", null).expect(429);

		assertThat(refused.json().path("detail").asString()).contains("3 uploads that have not finished");
		uploads.request(bob, api.createTask(bob, "His").path("id").asString(), "b.png", "image/png", null).expect(201);
	}

	@Test
	void anUploadBeyondTheStorageQuotaIsRefusedWith413NamingTheQuota() {
		ApiClient api = new ApiClient(port);
		ImageUploads uploads = new ImageUploads(api, port);
		User carol = api.signUp("carol-" + System.nanoTime());
		String task = api.createTask(carol, "Photos").path("id").asString();
		byte[] photo = TestImages.darknet("dog.jpg");
		assertThat(photo.length).isBetween(100_000, 200_000);
		uploads.attach(carol, task, "dog.jpg", "image/jpeg", photo);
		uploads.attach(carol, task, "dog.jpg", "image/jpeg", photo);

		Response declared = uploads.request(carol, task, "dog.jpg", "image/jpeg", (long) photo.length).expect(413);
		JsonNode created = uploads.request(carol, task, "dog.jpg", "image/jpeg", null).expect(201).json();
		Response sent = uploads.upload(created, photo).expect(413);

		assertThat(declared.json().path("detail").asString()).contains("storage quota of 0.4 MB");
		assertThat(declared.json().path("quotaBytes").asLong()).isEqualTo(400 * 1024);
		assertThat(sent.json().path("detail").asString()).contains("storage quota of 0.4 MB").contains("your images use");
	}

	@Test
	void anUploadThatTricklesInIsCutOffWith408WhileOthersAreServed() throws Exception {
		ApiClient api = new ApiClient(port);
		ImageUploads uploads = new ImageUploads(api, port);
		User dave = api.signUp("dave-" + System.nanoTime());
		User erin = api.signUp("erin-" + System.nanoTime());
		String task = api.createTask(dave, "Photos").path("id").asString();
		String url = uploads.request(dave, task, "a.png", "image/png", null).expect(201).json().path("upload").path("url")
			.asString();

		try (Socket slow = new Socket("localhost", port)) {
			slow.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
			OutputStream out = slow.getOutputStream();
			out.write(("PUT " + URI.create(url).getRawPath() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/png\r\n"
					+ "Content-Length: 5000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			// The attack: a byte every 200 ms, which keeps the connection busy but far below 1 KB/s.
			CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
				try {
					for (int i = 0; i < 200; i++) {
						out.write(0x89);
						out.flush();
						TimeUnit.MILLISECONDS.sleep(200);
					}
				}
				catch (Exception closedByTheServer) {
					// The server answered and closed the connection.
				}
			});

			api.get("/api/tasks").as(erin).send().expect(200);
			BufferedReader answer = new BufferedReader(new InputStreamReader(slow.getInputStream(), StandardCharsets.UTF_8));
			String statusLine = answer.readLine();
			StringBuilder rest = new StringBuilder();
			for (String line = answer.readLine(); line != null; line = answer.readLine()) {
				rest.append(line).append('\n');
			}
			trickle.cancel(true);

			assertThat(statusLine).isEqualTo("HTTP/1.1 408 ");
			assertThat(rest.toString()).contains("application/problem+json").contains("the upload was too slow");
		}
	}
}
