package app.tasklens.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import app.tasklens.TestImages;
import app.tasklens.adapter.s3.S3StandIn;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The DetectLabels function in-process, as Lambda runs it: S3 object-created events as S3 sends them
 * (keys URL-encoded, several records, the same event twice, late and foreign objects), read by Lambda's own
 * event deserializer, on the DynamoDB and S3 stand-ins: the photos go to the bucket by the presigned PUT the
 * API function hands out, as a browser sends them, and the event tells the function what S3 would. Rekognition
 * is a local server with its documented answer.
 */
class ObjectCreatedFunctionTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final S3StandIn S3 = S3StandIn.get();
	private static ObjectCreatedFunction function;

	@BeforeAll
	static void start() {
		AwsStage.set();
		ApiFunctionTest.start();
		function = new ObjectCreatedFunction();
	}

	record Upload(String token, String task, String id, String key, JsonNode target) {
	}

	@Test
	void everyRecordOfAnEventIsStoredAndLabeled() {
		Upload dog = upload("dog.jpg");
		Upload horses = upload("horses.jpg");

		invoke(event(dog, horses));

		assertThat(labels(dog)).contains("Dog");
		assertThat(labels(horses)).contains("Dog");
	}

	@Test
	void aKeyAsS3EncodesItIsDecoded() {
		Upload dog = upload("dog.jpg");

		invoke(event(record(dog.key().replace("/", "%2F"), size(dog))));

		assertThat(status(dog)).isEqualTo("LABELED");
	}

	@Test
	void theSameEventTwiceChangesNothingTheSecondTime() {
		Upload dog = upload("dog.jpg");
		S3Event event = event(dog);
		invoke(event);
		JsonNode first = attachment(dog);

		invoke(event);

		assertThat(attachment(dog)).isEqualTo(first);
	}

	@Test
	void anEventForADeletedAttachmentDeletesTheObjectAndBringsNothingBack() {
		Upload dog = upload("dog.jpg");
		assertThat(ApiFunctionTest.call("DELETE", "/api/tasks/" + dog.task() + "/attachments/" + dog.id(), dog.token(),
				null).status()).isEqualTo(204);

		invoke(event(dog));

		assertThat(S3.keys(AwsStage.BUCKET)).doesNotContain(dog.key());
		assertThat(ApiFunctionTest.call("GET", "/api/tasks/" + dog.task() + "/attachments/" + dog.id(), dog.token(), null)
			.status()).isEqualTo(404);
	}

	@Test
	void anObjectTasklensDidNotCreateIsLeftAlone() {
		byte[] photo = TestImages.darknet("dog.jpg");
		try (S3Client client = S3.client()) {
			client.putObject(request -> request.bucket(AwsStage.BUCKET).key("someone else/holiday photo.jpg"),
					RequestBody.fromBytes(photo));
		}

		invoke(event(record("someone+else%2Fholiday+photo.jpg", photo.length)));

		assertThat(S3.keys(AwsStage.BUCKET)).contains("someone else/holiday photo.jpg");
	}

	@Test
	void theScheduleWithNoRecordsLabelsWhatIsDue() {
		assertThat(function.handleRequest(new S3Event(List.of()), new TestLambdaContext("tasklens-LabelFunction"))).isNull();
	}

	@Test
	void anAnnouncedObjectThatIsNotInTheBucketChangesNothing() {
		Upload pending = request("dog.jpg");

		invoke(event(record(pending.key(), 1234)));

		assertThat(status(pending)).isEqualTo("PENDING_UPLOAD");
	}

	private static void invoke(S3Event event) {
		function.handleRequest(event, new TestLambdaContext("tasklens-LabelFunction"));
	}

	/** The photo sent to the bucket as a browser sends it: the presigned PUT with the headers it signs. */
	private Upload upload(String photo) {
		Upload upload = request(photo);
		HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.target().path("url").asString()))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(TestImages.darknet(photo)));
		upload.target().path("headers").properties().forEach(header -> put.header(header.getKey(), header.getValue().asString()));
		try {
			HttpResponse<String> response = HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return upload;
	}

	private Upload request(String photo) {
		String token = ApiFunctionTest.signUpAndSignIn();
		String task = ApiFunctionTest.call("POST", "/api/tasks", token, "{\"title\":\"Photos\"}").body().path("id").asString();
		JsonNode made = ApiFunctionTest.call("POST", "/api/tasks/" + task + "/attachments", token,
				"{\"filename\":\"" + photo + "\",\"contentType\":\"image/jpeg\",\"size\":" + TestImages.darknet(photo).length + "}")
			.body();
		assertThat(made.path("upload").path("method").asString()).as(made.toString()).isEqualTo("PUT");
		String id = made.path("attachment").path("id").asString();
		String owner = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("sub").asString();
		return new Upload(token, task, id, owner + "/" + task + "/" + id + ".jpg", made.path("upload"));
	}

	/** The object's size as the bucket has it, which S3 puts in the event. */
	private static long size(Upload upload) {
		try (S3Client client = S3.client()) {
			return client.headObject(request -> request.bucket(AwsStage.BUCKET).key(upload.key())).contentLength();
		}
	}

	private static JsonNode attachment(Upload upload) {
		return ApiFunctionTest.call("GET", "/api/tasks/" + upload.task() + "/attachments/" + upload.id(), upload.token(), null)
			.body();
	}

	private static String status(Upload upload) {
		return attachment(upload).path("status").asString();
	}

	private static List<String> labels(Upload upload) {
		JsonNode attachment = attachment(upload);
		assertThat(attachment.path("status").asString()).as(attachment.toString()).isEqualTo("LABELED");
		return attachment.path("labels").valueStream().map(label -> label.path("name").asString()).toList();
	}

	private static S3Event event(Upload... uploads) {
		return event(java.util.Arrays.stream(uploads).map(upload -> record(upload.key(), size(upload))).toArray(ObjectNode[]::new));
	}

	private static ObjectNode record(String encodedKey, long size) {
		ObjectNode record = (ObjectNode) ApiFunctionTest.read("/aws/events/s3-object-created.json").path("Records").get(0);
		ObjectNode object = (ObjectNode) record.path("s3").path("object");
		object.put("key", encodedKey).put("size", size);
		return record;
	}

	/** The event JSON as S3 sends it, read by Lambda's own deserializer for S3Event. */
	private static S3Event event(ObjectNode... records) {
		ObjectNode event = JSON.createObjectNode();
		ArrayNode list = event.putArray("Records");
		for (ObjectNode record : records) {
			list.add(record);
		}
		byte[] json = JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
		return LambdaEventSerializers.serializerFor(S3Event.class, ObjectCreatedFunctionTest.class.getClassLoader())
			.fromJson(new java.io.ByteArrayInputStream(json));
	}
}
