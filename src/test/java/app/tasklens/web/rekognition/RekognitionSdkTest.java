package app.tasklens.web.rekognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.DetectLabelsFeatureName;
import software.amazon.awssdk.services.rekognition.model.DetectLabelsResponse;
import software.amazon.awssdk.services.rekognition.model.DetectTextResponse;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.rekognition.model.Label;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;
import software.amazon.awssdk.services.rekognition.model.TextDetection;
import software.amazon.awssdk.services.rekognition.model.TextTypes;

import app.tasklens.TestImages;
import app.tasklens.vision.OcrSamples;
import app.tasklens.web.api.ApiClient;
import app.tasklens.web.api.ApiClient.User;
import app.tasklens.web.api.ApiIntegrationTest;
import app.tasklens.web.api.ImageUploads;

/**
 * The endpoint through the AWS SDK for Java v2's own RekognitionClient (endpoint override, a Tasklens access
 * key): the eight cases of issue 10, and the request options a Rekognition application sends.
 */
@ApiIntegrationTest
class RekognitionSdkTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private ApiClient api;

	@BeforeEach
	void client() {
		api = new ApiClient(port);
	}

	record Key(String id, String secret) {
	}

	private Key newKey(User user) {
		var created = api.post("/api/access-keys").as(user).send().expect(201).json();
		return new Key(created.path("accessKeyId").asString(), created.path("secretAccessKey").asString());
	}

	private RekognitionClient clientOf(User user) {
		Key key = newKey(user);
		return RekognitionClients.client(port, key.id(), key.secret());
	}

	private static Image bytes(byte[] image) {
		return Image.builder().bytes(SdkBytes.fromByteArray(image)).build();
	}

	private static List<String> names(DetectLabelsResponse response) {
		return response.labels().stream().map(Label::name).toList();
	}

	@Test
	void labelsForAPhotoWithTheRequestsOptions() {
		try (RekognitionClient rekognition = clientOf(api.signUp(ApiClient.unique("alice")))) {
			Image dog = bytes(TestImages.darknet("dog.jpg"));

			DetectLabelsResponse all = rekognition.detectLabels(request -> request.image(dog));
			assertThat(names(all)).contains("Dog");
			Label label = all.labels().stream().filter(l -> l.name().equals("Dog")).findFirst().orElseThrow();
			assertThat(label.confidence()).isGreaterThan(55f);
			assertThat(label.instances()).isNotEmpty();
			assertThat(label.parents()).extracting(parent -> parent.name()).contains("Animal");
			assertThat(all.labelModelVersion()).isNotBlank();
			assertThat(all.imageProperties()).as("only with the feature IMAGE_PROPERTIES").isNull();
			assertThat(all.labels()).allMatch(l -> l.confidence() >= 55f);

			DetectLabelsResponse few = rekognition.detectLabels(request -> request.image(dog).maxLabels(2).minConfidence(20f));
			assertThat(few.labels()).hasSize(2);
			DetectLabelsResponse withoutDogs = rekognition.detectLabels(request -> request.image(dog)
				.settings(settings -> settings.generalLabels(general -> general.labelExclusionFilters("Dog"))));
			assertThat(names(withoutDogs)).doesNotContain("Dog").isNotEmpty();
			DetectLabelsResponse onlyDogs = rekognition.detectLabels(request -> request.image(dog)
				.settings(settings -> settings.generalLabels(general -> general.labelInclusionFilters("Dog"))));
			assertThat(names(onlyDogs)).containsExactly("Dog");

			DetectLabelsResponse properties = rekognition.detectLabels(request -> request.image(dog)
				.features(DetectLabelsFeatureName.IMAGE_PROPERTIES)
				.settings(settings -> settings.imageProperties(image -> image.maxDominantColors(2))));
			assertThat(properties.labels()).as("no GENERAL_LABELS asked for").isEmpty();
			assertThat(properties.imageProperties().quality().brightness()).isBetween(0f, 100f);
			assertThat(properties.imageProperties().dominantColors()).hasSizeBetween(1, 2)
				.allSatisfy(color -> assertThat(color.hexCode()).matches("#[0-9a-fA-F]{6}"));
		}
	}

	@Test
	void textForATextImageWithItsFilters() throws Exception {
		java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
		javax.imageio.ImageIO.write(OcrSamples.render("sign", 800, 240, OcrSamples.Background.PAPER,
				List.of(new OcrSamples.TextLine("OPEN DAILY", 48, true))).image(), "png", png);
		byte[] sign = png.toByteArray();
		try (RekognitionClient rekognition = clientOf(api.signUp(ApiClient.unique("bob")))) {
			DetectTextResponse text = rekognition.detectText(request -> request.image(bytes(sign)));

			assertThat(text.textDetections()).filteredOn(t -> t.type() == TextTypes.LINE)
				.extracting(TextDetection::detectedText).containsExactly("OPEN DAILY");
			assertThat(text.textDetections()).filteredOn(t -> t.type() == TextTypes.WORD)
				.extracting(TextDetection::detectedText).containsExactly("OPEN", "DAILY");
			assertThat(text.textModelVersion()).isNotBlank();

			DetectTextResponse outside = rekognition.detectText(request -> request.image(bytes(sign))
				.filters(filters -> filters.regionsOfInterest(region -> region
					.boundingBox(box -> box.left(0f).top(0f).width(1f).height(0.05f)))));
			assertThat(outside.textDetections()).isEmpty();
			DetectTextResponse strict = rekognition.detectText(request -> request.image(bytes(sign))
				.filters(filters -> filters.wordFilter(words -> words.minBoundingBoxHeight(0.9f))));
			assertThat(strict.textDetections()).isEmpty();
		}
	}

	@Test
	void anS3ObjectIsAnAttachmentOfTheKeysOwnerAndAnotherUsersIsRefused() {
		User carol = api.signUp(ApiClient.unique("carol"));
		User dave = api.signUp(ApiClient.unique("dave"));
		String attachment = new ImageUploads(api, port).labeledDogPhoto(carol);

		try (RekognitionClient carols = clientOf(carol); RekognitionClient daves = clientOf(dave)) {
			DetectLabelsResponse labels = carols.detectLabels(request -> request.image(image -> image
				.s3Object(object -> object.bucket(carol.username()).name(attachment))));
			assertThat(names(labels)).contains("Dog");

			RekognitionException otherBucket = catchThrowableOfType(RekognitionException.class,
					() -> daves.detectLabels(request -> request.image(image -> image
						.s3Object(object -> object.bucket(carol.username()).name(attachment)))));
			assertRefused(otherBucket, 400, "AccessDeniedException");
			RekognitionException otherName = catchThrowableOfType(RekognitionException.class,
					() -> daves.detectLabels(request -> request.image(image -> image
						.s3Object(object -> object.bucket(dave.username()).name(attachment)))));
			assertRefused(otherName, 400, "InvalidS3ObjectException");
		}
	}

	@Test
	void aWrongSecretAnExpiredSignatureAndARevokedKeyAreRefused() {
		User erin = api.signUp(ApiClient.unique("erin"));
		Key key = newKey(erin);
		Image dog = bytes(TestImages.darknet("dog.jpg"));

		try (RekognitionClient wrong = RekognitionClients.client(port, key.id(), key.secret().substring(1) + "x")) {
			assertRefused(catchThrowableOfType(RekognitionException.class, () -> wrong.detectLabels(r -> r.image(dog))),
					400, "InvalidSignatureException");
		}
		Clock twentyMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20));
		try (RekognitionClient late = RekognitionClients.signingAt(twentyMinutesAgo, port, key.id(), key.secret())) {
			RekognitionException expired = catchThrowableOfType(RekognitionException.class,
					() -> late.detectLabels(r -> r.image(dog)));
			assertRefused(expired, 400, "InvalidSignatureException");
			assertThat(expired.awsErrorDetails().errorMessage()).startsWith("Signature expired");
		}
		Clock tenMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
		try (RekognitionClient skewed = RekognitionClients.signingAt(tenMinutesAgo, port, key.id(), key.secret());
				RekognitionClient current = RekognitionClients.client(port, key.id(), key.secret())) {
			assertThat(names(skewed.detectLabels(r -> r.image(dog)))).as("within 15 minutes").contains("Dog");

			api.delete("/api/access-keys/" + key.id()).as(erin).send().expect(204);
			assertRefused(catchThrowableOfType(RekognitionException.class, () -> current.detectLabels(r -> r.image(dog))),
					400, "UnrecognizedClientException");
		}
	}

	@Test
	void aDisabledAccountsKeysAreRefusedUntilAnAdminEnablesItAgain() {
		User admin = api.signUp(ApiClient.unique("admin"));
		jdbc.sql("UPDATE users SET admin = TRUE WHERE id = ?").param(admin.id()).update();
		User gina = api.signUp(ApiClient.unique("gina"));
		Image dog = bytes(TestImages.darknet("dog.jpg"));
		try (RekognitionClient rekognition = clientOf(gina)) {
			assertThat(names(rekognition.detectLabels(r -> r.image(dog)))).contains("Dog");

			api.patch("/api/admin/users/" + gina.id()).as(admin).json(Map.of("disabled", true)).send().expect(204);
			assertRefused(catchThrowableOfType(RekognitionException.class,
					() -> rekognition.detectLabels(r -> r.image(dog))), 400, "UnrecognizedClientException");
			assertRefused(catchThrowableOfType(RekognitionException.class,
					() -> rekognition.detectText(r -> r.image(dog))), 400, "UnrecognizedClientException");

			api.patch("/api/admin/users/" + gina.id()).as(admin).json(Map.of("disabled", false)).send().expect(204);
			assertThat(names(rekognition.detectLabels(r -> r.image(dog)))).as("enabled again").contains("Dog");
		}
	}

	@Test
	void aCorruptImageAndAnImageOverFiveMegabytesAreRefused() {
		try (RekognitionClient rekognition = clientOf(api.signUp(ApiClient.unique("frank")))) {
			byte[] jpeg = TestImages.darknet("dog.jpg");
			byte[] corrupt = java.util.Arrays.copyOf(jpeg, jpeg.length / 3);
			assertRefused(catchThrowableOfType(RekognitionException.class,
					() -> rekognition.detectLabels(r -> r.image(bytes(corrupt)))), 400, "InvalidImageFormatException");
			assertRefused(catchThrowableOfType(RekognitionException.class,
					() -> rekognition.detectText(r -> r.image(bytes("not an image".getBytes())))), 400,
					"InvalidImageFormatException");
			byte[] large = java.util.Arrays.copyOf(jpeg, 5 * 1024 * 1024 + 1);
			assertRefused(catchThrowableOfType(RekognitionException.class,
					() -> rekognition.detectLabels(r -> r.image(bytes(large)))), 400, "ImageTooLargeException");
			assertRefused(catchThrowableOfType(RekognitionException.class,
					() -> rekognition.detectLabels(r -> r.image(bytes(jpeg)).minConfidence(101f))), 400,
					"InvalidParameterException");
		}
	}

	private static void assertRefused(RekognitionException refused, int status, String code) {
		assertThat(refused).as("refused with " + code).isNotNull();
		assertThat(refused.statusCode()).as(refused.getMessage()).isEqualTo(status);
		assertThat(refused.awsErrorDetails().errorCode()).isEqualTo(code);
		assertThat(refused.awsErrorDetails().errorMessage()).isNotBlank();
	}
}
