package app.tasklens.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * The DetectLabels function in-process, as Lambda runs it: S3 object-created events as S3 sends them
 * (keys URL-encoded, several records, the same event twice, late and foreign objects), read by Lambda's own
 * event deserializer, on the DynamoDB stand-in. The bucket is played by the object store's folder (the
 * objects are put where S3 would have them); Rekognition by a local server with its documented answer.
 */
class ObjectCreatedFunctionTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static ObjectCreatedFunction function;
	private static Path objects;

	@BeforeAll
	static void start() {
		AwsStage.set();
		ApiFunctionTest.start();
		function = new ObjectCreatedFunction();
		objects = Path.of(System.getProperty("tasklens.data-dir")).resolve("objects");
	}

	record Upload(String token, String task, String id, String key) {
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

		assertThat(Files.exists(objects.resolve(dog.key()))).isFalse();
		assertThat(ApiFunctionTest.call("GET", "/api/tasks/" + dog.task() + "/attachments/" + dog.id(), dog.token(), null)
			.status()).isEqualTo(404);
	}

	@Test
	void anObjectTasklensDidNotCreateIsLeftAlone() throws IOException {
		Path foreign = objects.resolve("someone else/holiday photo.jpg");
		Files.createDirectories(foreign.getParent());
		Files.write(foreign, TestImages.darknet("dog.jpg"));

		invoke(event(record("someone+else%2Fholiday+photo.jpg", Files.size(foreign))));

		assertThat(foreign).exists();
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

	private Upload upload(String photo) {
		Upload upload = request(photo);
		try {
			Path file = objects.resolve(upload.key());
			Files.createDirectories(file.getParent());
			Files.write(file, TestImages.darknet(photo));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return upload;
	}

	private Upload request(String photo) {
		String token = ApiFunctionTest.signUpAndSignIn();
		String task = ApiFunctionTest.call("POST", "/api/tasks", token, "{\"title\":\"Photos\"}").body().path("id").asString();
		JsonNode made = ApiFunctionTest.call("POST", "/api/tasks/" + task + "/attachments", token,
				"{\"filename\":\"" + photo + "\",\"contentType\":\"image/jpeg\",\"size\":" + TestImages.darknet(photo).length + "}")
			.body();
		String id = made.findValue("id").asString();
		String owner = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("sub").asString();
		return new Upload(token, task, id, owner + "/" + task + "/" + id + ".jpg");
	}

	private static long size(Upload upload) {
		try {
			return Files.size(objects.resolve(upload.key()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
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
