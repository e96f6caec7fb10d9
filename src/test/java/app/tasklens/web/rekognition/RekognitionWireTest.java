package app.tasklens.web.rekognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.tasklens.TestImages;
import app.tasklens.web.InferenceAdmission;
import app.tasklens.web.api.ApiClient;
import app.tasklens.web.api.ApiIntegrationTest;

/**
 * The endpoint's wire protocol as it goes over HTTP, signed by the SDK's own signer and sent by the JDK's
 * client: the content type, the AWS error shape ({@code __type}, {@code message}, {@code x-amzn-ErrorType}),
 * the statuses, no session, and ThrottlingException when the server takes no more images.
 */
@ApiIntegrationTest
class RekognitionWireTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	InferenceAdmission admission;

	private final HttpClient http = HttpClient.newHttpClient();
	private String keyId;
	private String secret;

	@BeforeEach
	void key() {
		ApiClient api = new ApiClient(port);
		JsonNode key = api.post("/api/access-keys").as(api.signUp(ApiClient.unique("wire"))).send().expect(201).json();
		keyId = key.path("accessKeyId").asString();
		secret = key.path("secretAccessKey").asString();
	}

	private HttpResponse<String> send(String path, String target, String body, boolean signed) throws Exception {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
			.uri(URI.create("http://localhost:" + port + path))
			.putHeader("Content-Type", RekognitionEndpoint.CONTENT_TYPE)
			.putHeader("X-Amz-Target", target)
			.build();
		SdkHttpRequest request = !signed ? unsigned : AwsV4HttpSigner.create().sign(r -> r
			.identity(AwsCredentialsIdentity.create(keyId, secret))
			.request(unsigned)
			.payload(ContentStreamProvider.fromByteArray(bytes))
			.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "rekognition")
			.putProperty(AwsV4HttpSigner.REGION_NAME, "us-west-2")).request();
		HttpRequest.Builder builder = HttpRequest.newBuilder(request.getUri())
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
		request.headers().forEach((name, values) -> {
			if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
				values.forEach(value -> builder.header(name, value));
			}
		});
		return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String detectLabels() {
		return "{\"Image\":{\"Bytes\":\"" + Base64.getEncoder().encodeToString(TestImages.darknet("dog.jpg"))
				+ "\"},\"MaxLabels\":3}";
	}

	@Test
	void aSignedCallAnswersInAwsJsonOnTheRootAndUnderTheRekognitionPrefix() throws Exception {
		for (String path : List.of("/", "/rekognition/")) {
			HttpResponse<String> answer = send(path, "RekognitionService.DetectLabels", detectLabels(), true);

			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
			assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith(RekognitionEndpoint.CONTENT_TYPE));
			assertThat(answer.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
			JsonNode body = JSON.readTree(answer.body());
			assertThat(body.path("Labels").size()).isBetween(1, 3);
			assertThat(body.has("Image") || body.has("TextDetections")).as("DetectLabels' own fields only").isFalse();
		}
	}

	@Test
	void errorsHaveAwsShapeAndStatus() throws Exception {
		assertError(send("/", "RekognitionService.DetectLabels", detectLabels(), false), 403,
				"MissingAuthenticationTokenException");
		assertError(send("/rekognition/", "RekognitionService.IndexFaces", "{}", true), 400, "UnknownOperationException");
		assertError(send("/", "RekognitionService.DetectText", "not json", true), 400, "SerializationException");
		assertError(send("/", "RekognitionService.DetectText", "{}", true), 400, "InvalidParameterException");
		assertError(send("/", "RekognitionService.DetectLabels",
				"{\"Image\":{\"Bytes\":\"AAAA\"},\"Features\":[\"FACES\"]}", true), 400, "InvalidParameterException");
	}

	@Test
	void aServerThatTakesNoMoreImagesAnswersThrottlingBeforeReadingTheBody() throws Exception {
		List<InferenceAdmission.Permit> held = new ArrayList<>();
		try {
			for (Optional<InferenceAdmission.Permit> permit = admission.tryEnter(); permit.isPresent();
					permit = admission.tryEnter()) {
				held.add(permit.get());
			}
			HttpResponse<String> busy = send("/", "RekognitionService.DetectLabels", detectLabels(), true);

			assertError(busy, 500, "ThrottlingException");
			assertThat(busy.headers().firstValue("Retry-After")).isPresent();
		}
		finally {
			held.forEach(InferenceAdmission.Permit::close);
		}
		assertThat(send("/", "RekognitionService.DetectLabels", detectLabels(), true).statusCode()).isEqualTo(200);
	}

	private static void assertError(HttpResponse<String> answer, int status, String code) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
		assertThat(answer.headers().firstValue("x-amzn-ErrorType")).contains(code);
		JsonNode body = JSON.readTree(answer.body());
		assertThat(body.path("__type").asString()).isEqualTo(code);
		assertThat(body.path("message").asString()).isNotBlank();
	}
}
