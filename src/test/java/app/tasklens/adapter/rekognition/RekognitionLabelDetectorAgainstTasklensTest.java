package app.tasklens.adapter.rekognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

import app.tasklens.TestImages;
import app.tasklens.labeling.DetectOptions;
import app.tasklens.labeling.DetectorUnavailableException;
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
 * The Rekognition detector (what labels uploads on AWS) against a real protocol peer: Tasklens's own
 * Rekognition-compatible endpoint, over HTTP, signed with a Tasklens access key. The endpoint's bucket is the
 * key owner's username and an object's name one of their attachments, so the detector reads an upload the way
 * it reads one from S3 on AWS. {@link RekognitionLabelDetectorTest} covers the answers only AWS gives.
 */
@ApiIntegrationTest
class RekognitionLabelDetectorAgainstTasklensTest {

	@LocalServerPort
	int port;

	private ApiClient api;
	private ImageUploads uploads;

	@BeforeEach
	void client() {
		api = new ApiClient(port);
		uploads = new ImageUploads(api, port);
	}

	private RekognitionClient clientOf(User user) {
		var key = api.post("/api/access-keys").as(user).send().expect(201).json();
		return client(key.path("accessKeyId").asString(), key.path("secretAccessKey").asString());
	}

	private RekognitionClient client(String accessKeyId, String secret) {
		return RekognitionClient.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.endpointOverride(URI.create("http://localhost:" + port))
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
			.overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build();
	}

	/** An upload as the worker sees it: its key and header, and bytes the detector must not read. */
	private static StoredImage stored(String key, String format, int width, int height) {
		return new StoredImage(key, format, width, height, () -> {
			throw new AssertionError("the detector sends the object's name, not its bytes");
		});
	}

	private String attached(User user, String task, String filename, String type, byte[] image) {
		String id = uploads.attach(user, task, filename, type, image).path("id").asString();
		uploads.awaitLabels(user, task, id);
		return id;
	}

	@Test
	void anUploadIsLabeledThroughS3ObjectInTheOnBoxShape() throws Exception {
		User carol = api.signUp(ApiClient.unique("carol"));
		String task = api.createTask(carol, "Walk the dog").path("id").asString();
		String dog = attached(carol, task, "dog.jpg", "image/jpeg", TestImages.darknet("dog.jpg"));
		String sign = attached(carol, task, "sign.png", "image/png", sign());

		try (RekognitionClient rekognition = clientOf(carol)) {
			RekognitionLabelDetector detector = new RekognitionLabelDetector(rekognition, carol.username());

			LabelDetection labels = detector.detect(stored(dog, "JPEG", 768, 576), DetectOptions.defaults());
			Label label = labels.labels().stream().filter(l -> l.name().equals("Dog")).findFirst().orElseThrow();
			assertThat(label.confidence()).isGreaterThan(55);
			assertThat(label.parents()).contains("Animal");
			assertThat(label.instances()).isNotEmpty()
				.allSatisfy(instance -> assertThat(instance.boundingBox().width()).isBetween(0.0, 1.0));
			assertThat(labels.searchTerms()).contains("dog", "animal");
			assertThat(labels.imageProperties().width()).as("the upload's own size").isEqualTo(768);
			assertThat(labels.imageProperties().dominantColors()).isNotEmpty();
			assertThat(labels.labelModelVersion()).startsWith("rekognition-").isNotEqualTo("rekognition-unknown");

			LabelDetection text = detector.detect(stored(sign, "PNG", 800, 240), DetectOptions.defaults());
			assertThat(text.textDetections()).filteredOn(t -> t.type() == TextDetection.Type.LINE)
				.extracting(TextDetection::detectedText).containsExactly("OPEN DAILY");
		}
	}

	@Test
	void refusalsBecomeFailedOrTryAgainLaterAsOnAws() {
		User dave = api.signUp(ApiClient.unique("dave"));
		User erin = api.signUp(ApiClient.unique("erin"));
		String task = api.createTask(dave, "Walk the dog").path("id").asString();
		String dog = attached(dave, task, "dog.jpg", "image/jpeg", TestImages.darknet("dog.jpg"));
		byte[] jpeg = TestImages.darknet("dog.jpg");

		try (RekognitionClient erins = clientOf(erin)) {
			assertThatThrownBy(() -> new RekognitionLabelDetector(erins, erin.username())
				.detect(stored(dog, "JPEG", 768, 576), DetectOptions.defaults()))
				.as("another user's image is no image of hers: FAILED")
				.isInstanceOf(UnreadableImageException.class)
				.hasMessageContaining("InvalidS3ObjectException");
			assertThatThrownBy(() -> new RekognitionLabelDetector(erins, dave.username())
				.detect(stored(dog, "JPEG", 768, 576), DetectOptions.defaults()))
				.as("a bucket the role may not read: the operator's to fix, tried again later")
				.isInstanceOf(DetectorUnavailableException.class)
				.hasMessageContaining("RekognitionDetectOnlyPolicy");
			assertThatThrownBy(() -> new RekognitionLabelDetector(erins, null)
				.detect(Arrays.copyOf(jpeg, jpeg.length / 3), DetectOptions.defaults()))
				.as("a cut JPEG sent as bytes is FAILED before it is sent")
				.isInstanceOf(UnreadableImageException.class)
				.hasMessageContaining("cut short");
		}
		try (RekognitionClient wrong = client("AKIAUNKNOWNKEY000000", "not-a-secret")) {
			assertThatThrownBy(() -> new RekognitionLabelDetector(wrong, null).detect(jpeg, DetectOptions.defaults()))
				.as("unknown credentials: tried again later, with the service's reason")
				.isInstanceOf(DetectorUnavailableException.class)
				.hasMessageContaining("UnrecognizedClientException");
		}
	}

	private static byte[] sign() throws Exception {
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ImageIO.write(OcrSamples.render("sign", 800, 240, OcrSamples.Background.PAPER,
				List.of(new OcrSamples.TextLine("OPEN DAILY", 48, true))).image(), "png", png);
		return png.toByteArray();
	}
}
