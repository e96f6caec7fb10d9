package app.tasklens.web.rekognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.rekognition.model.InvalidImageFormatException;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiClient;
import app.tasklens.web.api.ApiClient.User;
import app.tasklens.web.api.ApiIntegrationTest;

/**
 * The per-key rate limit through real HTTP and the AWS SDK for Java v2 (retries off), on a server of its own
 * that allows 2 calls a second a key. The calls send a cut-off JPEG: the limit counts every signed call, and
 * a refused image answers in a millisecond, so the bucket empties faster than it refills.
 */
@ApiIntegrationTest
@TestPropertySource(properties = "tasklens.rekognition-endpoint.requests-per-second=2")
class RekognitionRateLimitTest {

	@LocalServerPort
	int port;

	private RekognitionClient clientOf(ApiClient api, User user) {
		var created = api.post("/api/access-keys").as(user).send().expect(201).json();
		return RekognitionClients.client(port, created.path("accessKeyId").asString(),
				created.path("secretAccessKey").asString());
	}

	@Test
	void aKeyBeyondItsCallsPerSecondIsThrottledWhileAnotherKeyIsNot() throws InterruptedException {
		ApiClient api = new ApiClient(port);
		User user = api.signUp(ApiClient.unique("rate"));
		byte[] jpeg = TestImages.darknet("dog.jpg");
		Image cut = Image.builder().bytes(SdkBytes.fromByteArray(Arrays.copyOf(jpeg, jpeg.length / 3))).build();
		Image dog = Image.builder().bytes(SdkBytes.fromByteArray(jpeg)).build();

		try (RekognitionClient busy = clientOf(api, user); RekognitionClient other = clientOf(api, user)) {
			long start = System.nanoTime();
			int answered = 0;
			RekognitionException throttled = null;
			while (throttled == null && answered < 50) {
				RekognitionException refused = catchThrowableOfType(RekognitionException.class,
						() -> busy.detectLabels(request -> request.image(cut)));
				if (refused instanceof InvalidImageFormatException) {
					answered++;
				}
				else {
					throttled = refused;
				}
			}
			double seconds = (System.nanoTime() - start) / 1e9;

			assertThat(throttled).as("throttled after %d calls in %.2f s", answered, seconds).isNotNull();
			assertThat(throttled.statusCode()).isEqualTo(500);
			assertThat(throttled.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
			assertThat(throttled.isThrottlingException()).as("the SDK's own reading: one to retry later").isTrue();
			// 2 saved up, plus 2 a second of the time it took.
			assertThat(answered).as("calls answered before the first ThrottlingException")
				.isBetween(2, 2 + (int) Math.ceil(2 * seconds));

			assertThat(other.detectLabels(request -> request.image(dog)).labels()).as("another key has its own bucket")
				.isNotEmpty();
			Thread.sleep(1_000);
			assertThat(catchThrowableOfType(RekognitionException.class, () -> busy.detectLabels(request -> request.image(cut))))
				.as("a second later the key has calls again").isInstanceOf(InvalidImageFormatException.class);
		}
	}
}
