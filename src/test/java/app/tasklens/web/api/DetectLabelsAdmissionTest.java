package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiClient.Response;
import app.tasklens.web.api.ApiClient.User;

/**
 * {@code POST /api/detect-labels} takes only {@code max-in-flight} bodies at once (one here): while one
 * client is still sending its body, another is answered 503 with {@code Retry-After} at once, before its
 * body is read; once the first is gone the next one gets in.
 */
@ApiIntegrationTest
@TestPropertySource(properties = { "tasklens.admission.max-in-flight=1", "tasklens.admission.retry-after=2s" })
class DetectLabelsAdmissionTest {

	@LocalServerPort
	int port;

	@Test
	void aRequestBeyondTheBodiesInFlightIsRefusedWith503AndRetryAfter() throws Exception {
		ApiClient api = new ApiClient(port);
		User alice = api.signUp("alice-" + System.nanoTime());
		byte[] image = TestImages.png(64, 64);

		try (Socket slow = new Socket("localhost", port)) {
			OutputStream out = slow.getOutputStream();
			out.write(("POST /api/detect-labels HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + alice.token()
					+ "\r\nContent-Type: image/png\r\nContent-Length: " + image.length + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(image, 0, 10);
			out.flush();

			// An empty body is answered 400 by the endpoint itself: only the gate answers 503.
			Response refused = await().atMost(Duration.ofSeconds(30))
				.until(() -> api.post("/api/detect-labels").as(alice).bytes("image/png", new byte[0]).send(),
						response -> response.status() != 400);

			refused.expect(503);
			assertThat(refused.header("Retry-After")).contains("2");
			assertThat(refused.json().path("detail").asString()).contains("try again in 2 seconds");
		}

		// The slow client hung up: its place is free again, and a request reaches the endpoint.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> api.post("/api/detect-labels").as(alice).bytes("image/png", new byte[0]).send().status(),
					status -> status == 400);
	}

	@Test
	void anUnauthenticatedRequestIsRefusedWithoutTakingAPlace() {
		api().post("/api/detect-labels").bytes("image/png", TestImages.png(8, 8)).send().expect(401);
	}

	private ApiClient api() {
		return new ApiClient(port);
	}
}
