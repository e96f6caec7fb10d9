package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

import app.tasklens.web.api.ApiClient.Response;
import app.tasklens.web.api.ApiClient.User;

/**
 * {@code POST /api/detect-labels} over real HTTP with the real models: the DetectLabels shape the CLI
 * prints, from a raw body or a multipart form, and clear problems for what is not a usable image.
 */
@ApiIntegrationTest
@TestPropertySource(properties = "tasklens.attachments.max-size=1MB")
class DetectLabelsApiTest {

	@LocalServerPort
	int port;

	private ApiClient api;
	private User alice;
	private byte[] dog;

	@BeforeEach
	void signIn() throws IOException {
		api = new ApiClient(port);
		alice = api.signUp("alice-" + System.nanoTime());
		dog = Files.readAllBytes(Path.of(System.getProperty("tasklens.test.darknet-dir"), "dog.jpg"));
	}

	@Test
	void rawImageBodyAnswersInTheDetectLabelsShape() {
		JsonNode result = api.post("/api/detect-labels?maxLabels=20").as(alice).bytes("image/jpeg", dog).send()
			.expect(200).json();

		JsonNode dogLabel = label(result, "Dog");
		assertThat(dogLabel.path("Confidence").asDouble()).isGreaterThan(55);
		assertThat(dogLabel.path("Instances").get(0).path("BoundingBox").path("Left").asDouble()).isBetween(0.1, 0.25);
		assertThat(names(dogLabel.path("Parents"))).contains("Canine", "Animal");
		assertThat(names(dogLabel.path("Categories"))).containsExactly("Animals and Pets");
		assertThat(names(result.path("Labels"))).contains("Bicycle", "Car");
		assertThat(result.path("Labels").size()).isLessThanOrEqualTo(20);
		assertThat(result.path("ImageProperties").path("Quality").has("Brightness")).isTrue();
		assertThat(result.path("LabelModelVersion").asString()).startsWith("tasklens-onbox");
		assertThat(result.path("TextDetections").isArray()).isTrue();
	}

	@Test
	void multipartImagePartIsLabeledAndNamed() {
		String boundary = "tasklens-boundary";
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"dog.jpg\"\r\n"
				+ "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
		byte[] body = concat(head, dog, tail);

		JsonNode result = api.post("/api/detect-labels?excludeCategories=Vehicles%20and%20Automotive").as(alice)
			.bytes("multipart/form-data; boundary=" + boundary, body).send().expect(200).json();

		assertThat(result.path("Image").asString()).isEqualTo("dog.jpg");
		assertThat(names(result.path("Labels"))).contains("Dog").doesNotContain("Car", "Bicycle");
	}

	@Test
	void withoutATokenItIsUnauthorized() {
		Response response = api.post("/api/detect-labels").bytes("image/jpeg", dog).send();

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void whatIsNotAUsableImageGetsAClearProblem() {
		assertProblem(api.post("/api/detect-labels").as(alice).bytes("image/jpeg", new byte[0]).send(), 400);
		assertProblem(api.post("/api/detect-labels").as(alice)
			.bytes("image/png", "not an image at all".getBytes(StandardCharsets.UTF_8)).send(), 415);
		assertProblem(api.post("/api/detect-labels").as(alice)
			.bytes("image/jpeg", Arrays.copyOf(dog, dog.length / 3)).send(), 422);
		assertProblem(api.post("/api/detect-labels").as(alice).bytes("image/jpeg", new byte[1024 * 1024 + 1]).send(),
				413);
		assertProblem(api.post("/api/detect-labels?minConfidence=101").as(alice).bytes("image/jpeg", dog).send(), 400);
		assertProblem(api.post("/api/detect-labels").as(alice).body("text/plain", "hello").send(), 415);

		api.post("/api/detect-labels").as(alice).bytes("image/jpeg", dog).send().expect(200);
	}

	private static void assertProblem(Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().path("detail").asString()).isNotBlank();
	}

	private static JsonNode label(JsonNode result, String name) {
		for (JsonNode label : result.path("Labels")) {
			if (label.path("Name").asString().equals(name)) {
				return label;
			}
		}
		throw new AssertionError("no label " + name + " in " + names(result.path("Labels")));
	}

	private static List<String> names(JsonNode array) {
		List<String> names = new ArrayList<>();
		array.forEach(node -> names.add(node.path("Name").asString()));
		return names;
	}

	private static byte[] concat(byte[]... parts) {
		int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
		byte[] all = new byte[length];
		int offset = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, offset, part.length);
			offset += part.length;
		}
		return all;
	}
}
