package app.tasklens.adapter.rekognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

import tools.jackson.databind.JsonNode;

import app.tasklens.labeling.DetectOptions;
import app.tasklens.labeling.Label;
import app.tasklens.labeling.LabelDetection;
import app.tasklens.labeling.StoredImage;
import app.tasklens.labeling.TextDetection;
import app.tasklens.labeling.UnreadableImageException;
import app.tasklens.vision.OcrSamples;
import app.tasklens.web.api.ApiClient;
import app.tasklens.web.api.ApiClient.User;
import app.tasklens.web.api.ApiIntegrationTest;
import app.tasklens.web.api.ImageUploads;

/**
 * The Rekognition detector of the AWS deployment against a real Rekognition-API peer instead of recorded
 * answers: Tasklens's own Rekognition-compatible endpoint, over HTTP, with an access key. The "bucket" is the
 * key owner's username and an object's key an attachment id, so uploads are read as S3Objects, as on AWS.
 */
@ApiIntegrationTest
class RekognitionLabelDetectorEndpointTest {

	@LocalServerPort
	int port;

	private RekognitionClient clientOf(ApiClient api, User user) {
		JsonNode key = api.post("/api/access-keys").as(user).send().expect(201).json();
		return RekognitionClient.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.endpointOverride(URI.create("http://localhost:" + port))
			.region(Region.EU_WEST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
					key.path("accessKeyId").asString(), key.path("secretAccessKey").asString())))
			.overrideConfiguration(config -> config.retryStrategy(retry -> retry.maxAttempts(1)))
			.build();
	}

	private static StoredImage object(String key, String format, int width, int height) {
		return new StoredImage(key, format, width, height, () -> {
			throw new AssertionError("the bytes are not read: the endpoint reads the object itself");
		});
	}

	@Test
	void anUploadIsLabeledAndItsTextReadFromTheBucket() throws Exception {
		ApiClient api = new ApiClient(port);
		ImageUploads uploads = new ImageUploads(api, port);
		User user = api.signUp(ApiClient.unique("aws"));
		String dog = uploads.labeledDogPhoto(user);
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ImageIO.write(OcrSamples.render("sign", 800, 240, OcrSamples.Background.PAPER,
				List.of(new OcrSamples.TextLine("OPEN DAILY", 48, true))).image(), "png", png);
		String task = api.createTask(user, "Read the sign").path("id").asString();
		String sign = uploads.attach(user, task, "sign.png", "image/png", png.toByteArray()).path("id").asString();
		uploads.awaitLabels(user, task, sign);

		try (RekognitionClient client = clientOf(api, user)) {
			RekognitionLabelDetector detector = new RekognitionLabelDetector(client, user.username());

			LabelDetection labels = detector.detect(object(dog, "JPEG", 768, 576), DetectOptions.defaults());
			Label found = labels.labels().stream().filter(label -> label.name().equals("Dog")).findFirst().orElseThrow();
			assertThat(found.parents()).contains("Animal");
			assertThat(found.instances()).isNotEmpty();
			assertThat(labels.labelModelVersion()).startsWith("rekognition-tasklens-onbox");
			assertThat(labels.imageProperties().dominantColors()).isNotEmpty();

			LabelDetection text = detector.detect(object(sign, "PNG", 800, 240), DetectOptions.defaults());
			assertThat(text.textDetections()).filteredOn(t -> t.type() == TextDetection.Type.LINE)
				.extracting(TextDetection::detectedText).containsExactly("OPEN DAILY");
		}
	}

	@Test
	void anotherUsersAttachmentIsNoObjectOfTheBucket() {
		ApiClient api = new ApiClient(port);
		User owner = api.signUp(ApiClient.unique("owner"));
		User other = api.signUp(ApiClient.unique("other"));
		String dog = new ImageUploads(api, port).labeledDogPhoto(owner);

		try (RekognitionClient client = clientOf(api, other)) {
			RekognitionLabelDetector detector = new RekognitionLabelDetector(client, other.username());

			assertThatThrownBy(() -> detector.detect(object(dog, "JPEG", 768, 576), DetectOptions.defaults()))
				.isInstanceOf(UnreadableImageException.class).hasMessageContaining("InvalidS3ObjectException");
		}
	}
}
