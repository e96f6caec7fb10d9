package app.tasklens.adapter.rekognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

import app.tasklens.TestImages;
import app.tasklens.labeling.DetectOptions;
import app.tasklens.labeling.DetectorUnavailableException;
import app.tasklens.labeling.LabelDetection;
import app.tasklens.labeling.StoredImage;
import app.tasklens.labeling.TextDetection;
import app.tasklens.labeling.UnreadableImageException;

/** The Rekognition detector through the AWS SDK over HTTP, against Rekognition's documented answers. */
class RekognitionLabelDetectorTest {

	private DocumentedRekognition rekognition;
	private RekognitionClient client;
	private RekognitionLabelDetector detector;

	@BeforeEach
	void start() {
		rekognition = new DocumentedRekognition();
		client = RekognitionClient.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.endpointOverride(rekognition.endpoint())
			.region(Region.EU_WEST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
			// One try: the SDK's own retries of throttling are AWS's business, not this adapter's.
			.overrideConfiguration(config -> config.retryStrategy(retry -> retry.maxAttempts(1)))
			.build();
		detector = new RekognitionLabelDetector(client, "tasklens-uploads");
	}

	@AfterEach
	void stop() {
		client.close();
		rekognition.close();
	}

	@Test
	void anUploadIsReadByRekognitionFromTheBucketAndSavedInTheOnBoxShape() {
		StoredImage stored = new StoredImage("u/t/a.jpg", "JPEG", 640, 480, () -> {
			throw new AssertionError("the bytes are not read: Rekognition reads the object itself");
		});

		LabelDetection detection = detector.detect(stored, DetectOptions.defaults().withMaxLabels(10).withMinConfidence(70));

		assertThat(rekognition.received).extracting(DocumentedRekognition.Received::target)
			.containsExactly("DetectLabels", "DetectText");
		String labelsRequest = rekognition.received.get(0).body();
		assertThat(labelsRequest).contains("\"S3Object\":{\"Bucket\":\"tasklens-uploads\",\"Name\":\"u/t/a.jpg\"}")
			.contains("\"MaxLabels\":10").contains("\"MinConfidence\":70").contains("IMAGE_PROPERTIES")
			.doesNotContain("Bytes");
		var dog = detection.labels().get(0);
		assertThat(dog.name()).isEqualTo("Dog");
		assertThat(dog.confidence()).isCloseTo(98.72, org.assertj.core.data.Offset.offset(0.01));
		assertThat(dog.parents()).containsExactly("Canine", "Mammal", "Animal");
		assertThat(dog.instances().get(0).boundingBox().left()).isCloseTo(0.12, org.assertj.core.data.Offset.offset(1e-6));
		assertThat(dog.categories()).containsExactly("Animals and Pets");
		assertThat(detection.searchTerms()).contains("dog", "animal", "canine");
		assertThat(detection.textDetections()).extracting(TextDetection::detectedText).containsExactly("GOOD DOG", "GOOD");
		assertThat(detection.textDetections().get(1).parentId()).isZero();
		assertThat(detection.imageProperties().width()).isEqualTo(640);
		assertThat(detection.imageProperties().dominantColors().get(0).hexCode()).isEqualTo("#1a2b3c");
		assertThat(detection.labelModelVersion()).isEqualTo("rekognition-3.0");
	}

	@Test
	void anImagePostedToBeLabeledNowIsSentAsBytesWithTheFilters() {
		byte[] png = TestImages.png(32, 24);
		DetectOptions options = new DetectOptions(5, 55, false, Set.of("Dog"), Set.of(), Set.of(), Set.of("Vehicles"));

		LabelDetection detection = detector.detect(png, options);

		assertThat(rekognition.received).extracting(DocumentedRekognition.Received::target).containsExactly("DetectLabels");
		assertThat(rekognition.received.get(0).body()).contains("\"Bytes\":\"")
			.contains("\"LabelInclusionFilters\":[\"Dog\"]").contains("\"LabelCategoryExclusionFilters\":[\"Vehicles\"]");
		assertThat(detection.textDetections()).isEmpty();
		assertThat(detection.imageProperties().format()).isEqualTo("PNG");
		assertThat(detection.imageProperties().width()).isEqualTo(32);
	}

	@Test
	void throttlingIsTriedAgainLater() {
		rekognition.answer("DetectLabels", 400, "throttling.json");

		assertThatThrownBy(() -> detector.detect(stored(), DetectOptions.defaults()))
			.isInstanceOf(DetectorUnavailableException.class)
			.hasMessageContaining("throttling").hasMessageContaining("ThrottlingException");
	}

	@Test
	void anImageRekognitionCannotReadFailsWithItsReason() {
		rekognition.answer("DetectLabels", 400, "invalid-image-format.json");

		assertThatThrownBy(() -> detector.detect(stored(), DetectOptions.defaults()))
			.isInstanceOf(UnreadableImageException.class)
			.hasMessage("Amazon Rekognition cannot label this image (InvalidImageFormatException): Request has invalid image format");
	}

	@Test
	void aMissingObjectFailsWithRekognitionsReason() {
		rekognition.answer("DetectLabels", 400, "invalid-s3-object.json");

		assertThatThrownBy(() -> detector.detect(stored(), DetectOptions.defaults()))
			.isInstanceOf(UnreadableImageException.class)
			.hasMessageContaining("InvalidS3ObjectException").hasMessageContaining("Unable to get object metadata");
	}

	@Test
	void bytesOverRekognitionsLimitAreRefusedBeforeSending() {
		assertThatThrownBy(() -> detector.detect(new byte[RekognitionLabelDetector.MAX_BYTES + 1], DetectOptions.defaults()))
			.isInstanceOf(UnreadableImageException.class).hasMessageContaining("at most 5 MB");
		assertThat(rekognition.received).isEmpty();
	}

	private static StoredImage stored() {
		return new StoredImage("u/t/a.jpg", "JPEG", 4, 3, () -> new byte[0]);
	}
}
