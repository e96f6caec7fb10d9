package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiClient.Response;
import app.tasklens.web.api.ApiClient.User;

/**
 * The attachment API over real HTTP on a fresh data directory: asking for an upload URL, uploading to it,
 * reading an attachment, its image and thumbnail, deleting it; and every bad input answered with the
 * right problem while nothing is kept, neither a changed row nor a file.
 */
@ApiIntegrationTest
class AttachmentApiTest {

	private static final long MAX_BYTES = 15L * 1024 * 1024;

	@LocalServerPort
	int port;

	@Value("${tasklens.data-dir}")
	Path dataDir;

	@Autowired
	JdbcClient jdbc;

	private ApiClient api;
	private ImageUploads uploads;
	private User alice;
	private String task;

	@BeforeEach
	void aliceHasATask() {
		api = new ApiClient(port);
		uploads = new ImageUploads(api, port);
		alice = api.signUp("alice-" + System.nanoTime());
		task = api.createTask(alice, "Walk the dog").path("id").asString();
	}

	@Test
	void askingToAttachGivesAPendingAttachmentAndASignedPutUrl() {
		Instant before = Instant.now();

		Response response = uploads.request(alice, task, "dog.jpg", "image/jpeg", 163759L).expect(201);

		JsonNode attachment = response.json().path("attachment");
		JsonNode upload = response.json().path("upload");
		assertThat(attachment.path("status").asString()).isEqualTo("PENDING_UPLOAD");
		assertThat(attachment.path("filename").asString()).isEqualTo("dog.jpg");
		assertThat(attachment.path("contentType").asString()).isEqualTo("image/jpeg");
		assertThat(attachment.path("labels").isEmpty()).isTrue();
		assertThat(response.header("Location")).contains(attachment.path("links").path("self").asString());
		assertThat(upload.path("method").asString()).isEqualTo("PUT");
		assertThat(upload.path("url").asString()).startsWith("http://localhost:" + port + "/api/uploads/");
		assertThat(upload.path("headers").path("Content-Type").asString()).isEqualTo("image/jpeg");
		assertThat(Instant.parse(upload.path("expiresAt").asString()))
			.isBetween(before.plus(Duration.ofMinutes(14)), before.plus(Duration.ofMinutes(16)));
	}

	@Test
	void uploadingStoresTheImageUnderIdsAndLabelsItThenServesItAndItsThumbnail() throws Exception {
		byte[] dog = TestImages.darknet("dog.jpg");

		JsonNode uploaded = uploads.attach(alice, task, "Mein Hund \"Bello\" 🐕.jpg", "image/jpeg", dog);
		String id = uploaded.path("id").asString();

		assertThat(uploaded.path("status").asString()).isIn("UPLOADED", "LABELING", "LABELED");
		assertThat(uploaded.path("size").asLong()).isEqualTo(dog.length);
		assertThat(uploaded.path("width").asInt()).isEqualTo(768);
		assertThat(uploaded.path("height").asInt()).isEqualTo(576);
		assertThat(taskFiles()).containsExactly(taskFolder().resolve(id + ".jpg"));

		JsonNode labeled = uploads.awaitLabels(alice, task, id);
		assertThat(ImageUploads.labelNames(labeled)).contains("Dog");
		JsonNode dogLabel = label(labeled, "Dog");
		assertThat(dogLabel.path("confidence").asDouble()).isBetween(55.0, 100.0);
		assertThat(dogLabel.path("parents").toString()).contains("Animal");
		assertThat(dogLabel.path("instances").get(0).path("boundingBox").path("width").asDouble()).isBetween(0.0, 1.0);
		assertThat(labeled.path("textDetections").isArray()).isTrue();
		assertThat(labeled.path("error").isNull()).isTrue();

		HttpResponse<byte[]> content = uploads.download(alice, ImageUploads.path(task, id) + "/content");
		assertThat(content.statusCode()).isEqualTo(200);
		assertThat(content.body()).isEqualTo(dog);
		assertThat(content.headers().firstValue("Content-Type")).contains("image/jpeg");
		assertThat(content.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(content.headers().firstValue("Content-Disposition")).contains(
				"inline; filename=\"Mein Hund _Bello_ _.jpg\"; filename*=UTF-8''Mein%20Hund%20%22Bello%22%20%F0%9F%90%95.jpg");

		HttpResponse<byte[]> thumbnail = uploads.download(alice, ImageUploads.path(task, id) + "/thumbnail");
		assertThat(thumbnail.statusCode()).isEqualTo(200);
		assertThat(thumbnail.headers().firstValue("Content-Type")).contains("image/jpeg");
		BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
		assertThat(small.getWidth()).isEqualTo(320);
		assertThat(small.getHeight()).isEqualTo(240);
		Path kept = taskFolder().resolve(id + ".thumb.jpg");
		assertThat(kept).exists();
		long madeAt = Files.getLastModifiedTime(kept).toMillis();
		assertThat(uploads.download(alice, ImageUploads.path(task, id) + "/thumbnail").body()).isEqualTo(thumbnail.body());
		assertThat(Files.getLastModifiedTime(kept).toMillis()).as("made once").isEqualTo(madeAt);
	}

	@Test
	void aTaskHasSeveralAttachmentsInTheOrderTheyCame() {
		String first = uploads.attach(alice, task, "a.png", "image/png", TestImages.png(40, 30)).path("id").asString();
		String second = uploads.attach(alice, task, "b.webp", "image/webp", TestImages.WEBP_LOSSLESS).path("id")
			.asString();

		List<JsonNode> items = uploads.list(alice, task);

		assertThat(items).extracting(item -> item.path("id").asString()).containsExactly(first, second);
		assertThat(items.get(1).path("contentType").asString()).isEqualTo("image/webp");
		HttpResponse<byte[]> thumbnail = uploads.download(alice, ImageUploads.path(task, second) + "/thumbnail");
		assertThat(thumbnail.statusCode()).isEqualTo(200);
		assertThat(thumbnail.headers().firstValue("Content-Type")).contains("image/jpeg");
	}

	@Test
	void theThumbnailIsUprightWhenTheCameraWasTurned() throws Exception {
		// Stored 800 × 200 with the red quarter top left; EXIF 6 turns it a quarter clockwise for the viewer.
		byte[] turned = TestImages.withExifOrientation(TestImages.jpeg(800, 200), 6);

		JsonNode attachment = uploads.attach(alice, task, "turned.jpg", "image/jpeg", turned);
		HttpResponse<byte[]> thumbnail = uploads.download(alice,
				ImageUploads.path(task, attachment.path("id").asString()) + "/thumbnail");

		assertThat(attachment.path("width").asInt()).isEqualTo(200);
		assertThat(attachment.path("height").asInt()).isEqualTo(800);
		BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
		assertThat(small.getWidth()).isEqualTo(80);
		assertThat(small.getHeight()).isEqualTo(320);
		assertThat(redness(small, 60, 80)).as("top right is red").isGreaterThan(150);
		assertThat(redness(small, 20, 80)).as("top left is blue").isLessThan(100);
		assertThat(redness(small, 60, 240)).as("bottom right is blue").isLessThan(100);
	}

	@Test
	void theWorkshopRouteHandsOutAnUploadUrl() {
		JsonNode signed = api.get("/api/signedUrl?taskId=" + task + "&filename=dog.jpg&filetype=image/jpeg").as(alice)
			.send().expect(200).json();

		String key = signed.path("objectName").asString();
		assertThat(key).isEqualTo(alice.id() + "/" + task + "/" + signed.path("attachmentId").asString() + ".jpg");
		api.put(signed.path("uploadURL").asString()).bytes("image/jpeg", TestImages.darknet("dog.jpg")).send().expect(200);
		assertThat(taskFiles()).containsExactly(dataDir.resolve("objects").resolve(key));
	}

	@Test
	void deletingAnAttachmentRemovesItsImageAndThumbnail() throws Exception {
		String id = uploads.attach(alice, task, "a.png", "image/png", TestImages.png(40, 30)).path("id").asString();
		uploads.download(alice, ImageUploads.path(task, id) + "/thumbnail");
		assertThat(taskFiles()).hasSize(2);

		api.delete(ImageUploads.path(task, id)).as(alice).send().expect(204);

		api.get(ImageUploads.path(task, id)).as(alice).send().expect(404);
		awaitNoFiles();
		api.delete(ImageUploads.path(task, id)).as(alice).send().expect(404);
	}

	@Test
	void deletingTheTaskRemovesItsAttachmentsAndFiles() throws Exception {
		uploads.attach(alice, task, "a.png", "image/png", TestImages.png(40, 30));
		uploads.attach(alice, task, "b.png", "image/png", TestImages.png(30, 40));

		api.deleteTask(alice, task);

		awaitNoFiles();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM attachments WHERE task_id = ?").param(task).query(Long.class).single())
			.isZero();
	}

	// Bad requests for an upload URL.

	@Test
	void anotherUsersTaskIsNotFound() {
		User mallory = api.signUp("mallory-" + System.nanoTime());

		rejected(() -> uploads.request(mallory, task, "x.jpg", "image/jpeg", 10L), 404);
		rejected(() -> api.get("/api/tasks/" + task + "/attachments").as(mallory).send(), 404);
		rejected(() -> api.get("/api/signedUrl?taskId=" + task + "&filename=x.jpg&filetype=image/jpeg").as(mallory)
			.send(), 404);
	}

	@Test
	void anotherUsersAttachmentIsNotFound() {
		String id = uploads.attach(alice, task, "a.png", "image/png", TestImages.png(40, 30)).path("id").asString();
		settled(id);
		User mallory = api.signUp("mallory-" + System.nanoTime());

		rejected(() -> api.get(ImageUploads.path(task, id)).as(mallory).send(), 404);
		rejected(() -> api.get(ImageUploads.path(task, id) + "/content").as(mallory).send(), 404);
		rejected(() -> api.post(ImageUploads.path(task, id) + "/relabel").as(mallory).send(), 404);
		rejected(() -> api.delete(ImageUploads.path(task, id)).as(mallory).send(), 404);
	}

	@Test
	void otherTypesAreRefusedWhenAsked() {
		Response gif = rejected(() -> uploads.request(alice, task, "x.gif", "image/gif", 10L), 415);

		assertThat(gif.json().path("detail").asString()).contains("JPEG, PNG and WebP");
		rejected(() -> uploads.request(alice, task, "x.svg", "image/svg+xml", 10L), 415);
	}

	@Test
	void missingOrEmptyFieldsAreRefused() {
		assertThat(rejected(() -> uploads.request(alice, task, " ", "image/png", 10L), 422).errorFields())
			.containsExactly("filename");
		assertThat(rejected(() -> uploads.request(alice, task, "x.png", null, 10L), 422).errorFields())
			.containsExactly("contentType");
		assertThat(rejected(() -> uploads.request(alice, task, "x.png", "image/png", 0L), 422).errorFields())
			.containsExactly("size");
	}

	@Test
	void aDeclaredSizeOverTheLimitIsRefusedUpFront() {
		Response tooLarge = rejected(() -> uploads.request(alice, task, "x.png", "image/png", MAX_BYTES + 1), 413);

		assertThat(tooLarge.json().path("maxBytes").asLong()).isEqualTo(MAX_BYTES);
	}

	@Test
	void withoutATokenNothingHappens() {
		String id = uploads.attach(alice, task, "a.png", "image/png", TestImages.png(40, 30)).path("id").asString();
		settled(id);
		String self = ImageUploads.path(task, id);

		rejected(() -> api.post("/api/tasks/" + task + "/attachments").json("{\"filename\":\"x.png\"}").send(), 401);
		rejected(() -> api.get("/api/tasks/" + task + "/attachments").send(), 401);
		rejected(() -> api.get(self).send(), 401);
		rejected(() -> api.get(self + "/content").send(), 401);
		rejected(() -> api.get(self + "/thumbnail").send(), 401);
		rejected(() -> api.post(self + "/relabel").send(), 401);
		rejected(() -> api.delete(self).send(), 401);
		rejected(() -> api.get("/api/signedUrl?taskId=" + task + "&filename=x.jpg&filetype=image/jpeg").send(), 401);
		rejected(() -> api.get("/api/events").send(), 401);
	}

	// Bad uploads.

	@Test
	void anEmptyUploadIsRefused() {
		JsonNode created = pending("x.png", "image/png", null);

		rejected(() -> uploads.upload(created, new byte[0]), 400);
		assertStillUsable(created, TestImages.png(10, 10));
	}

	@Test
	void aTruncatedImageIsRefused() {
		byte[] dog = TestImages.darknet("dog.jpg");
		JsonNode created = pending("dog.jpg", "image/jpeg", null);

		Response truncated = rejected(() -> uploads.upload(created, Arrays.copyOf(dog, dog.length / 2)), 422);

		assertThat(truncated.json().path("detail").asString()).contains("cut short");
		assertStillUsable(created, dog);
	}

	@Test
	void aCorruptImageIsRefused() {
		byte[] png = TestImages.png(40, 30);
		byte[] damaged = png.clone();
		damaged[damaged.length - 20] ^= 0x40;
		JsonNode created = pending("x.png", "image/png", null);

		Response corrupt = rejected(() -> uploads.upload(created, damaged), 422);

		assertThat(corrupt.json().path("detail").asString()).contains("corrupt");
		assertStillUsable(created, png);
	}

	@Test
	void bytesOfAnotherTypeThanDeclaredAreRefused() {
		JsonNode created = pending("x.jpg", "image/jpeg", null);

		rejected(() -> uploads.upload(created, TestImages.png(10, 10)), 415);
		rejected(() -> uploads.upload(created, "GIF89a\1\0\1\0\0\0\0;".getBytes()), 415);
		rejected(() -> uploads.upload(created, "<html><script>alert(1)</script></html>".getBytes()), 415);
		rejected(() -> api.put(created.path("upload").path("url").asString()).bytes("image/png", TestImages.png(10, 10))
			.send(), 415);
		assertStillUsable(created, TestImages.darknet("dog.jpg"));
	}

	/** A Content-Length over the allowance is refused before reading; a chunked body when it passes it. */
	@Test
	void moreBytesThanDeclaredStopTheUploadWith413() {
		byte[] png = TestImages.png(40, 30);
		JsonNode created = pending("x.png", "image/png", (long) png.length - 1);

		rejected(() -> uploads.upload(created, png), 413);
		rejected(() -> api.put(created.path("upload").path("url").asString()).chunked("image/png", png).send(), 413);
	}

	@Test
	void anUploadOverTheLimitStopsWhileStreaming() {
		JsonNode created = pending("big.png", "image/png", null);
		byte[] png = TestImages.png(40, 30);
		byte[] big = Arrays.copyOf(png, (int) MAX_BYTES + 1);

		rejected(() -> api.put(created.path("upload").path("url").asString()).chunked("image/png", big).send(), 413);
		assertStillUsable(created, png);
	}


	@Test
	void imagesWithTooManyPixelsAreRefusedFromTheirHeader() {
		JsonNode created = pending("x.png", "image/png", null);

		Response wide = rejected(() -> uploads.upload(created, TestImages.pngHeaderOnly(10_001, 10)), 422);
		Response huge = rejected(() -> uploads.upload(created, TestImages.pngHeaderOnly(8_000, 8_000)), 422);
		Response bomb = rejected(() -> uploads.upload(created, TestImages.pngHeaderOnly(100_000, 100_000)), 422);

		assertThat(wide.json().path("detail").asString()).contains("10000 pixels a side");
		assertThat(huge.json().path("detail").asString()).contains("at most 50000000");
		assertThat(bomb.json().path("detail").asString()).contains("100000 x 100000");
		assertStillUsable(created, TestImages.png(10, 10));
	}

	@Test
	void anUploadUrlWorksOnce() {
		JsonNode created = pending("x.png", "image/png", null);
		uploads.upload(created, TestImages.png(10, 10)).expect(200);
		settled(created.path("attachment").path("id").asString());
		StoredState after = state();

		Response again = uploads.upload(created, TestImages.png(20, 20));

		again.expect(403);
		assertThat(again.json().path("detail").asString()).contains("already used");
		assertThat(state()).isEqualTo(after);
		assertTicketNotEchoed(created, again);
	}

	@Test
	void aTamperedUploadUrlIsRefused() {
		JsonNode created = pending("x.png", "image/png", null);
		String url = created.path("upload").path("url").asString();
		int at = url.lastIndexOf('/') + 5;
		String tampered = url.substring(0, at) + (url.charAt(at) == 'A' ? 'B' : 'A') + url.substring(at + 1);

		Response refused = rejected(() -> api.put(tampered).bytes("image/png", TestImages.png(10, 10)).send(), 403);
		assertThat(refused.json().path("instance").asString()).isEqualTo("/api/uploads/");
		assertThat(refused.body()).doesNotContain(tampered.substring(tampered.lastIndexOf('/') + 1));
		rejected(() -> api.put("/api/uploads/not-a-ticket").bytes("image/png", TestImages.png(10, 10)).send(), 403);
		assertStillUsable(created, TestImages.png(10, 10));
	}

	@Test
	void theUploadUrlOfADeletedAttachmentFindsNothing() {
		JsonNode created = pending("x.png", "image/png", null);
		api.delete(created.path("attachment").path("links").path("self").asString()).as(alice).send().expect(204);

		rejected(() -> uploads.upload(created, TestImages.png(10, 10)), 404);
	}

	@Test
	void thePendingAttachmentHasNoImageYet() {
		JsonNode created = pending("x.png", "image/png", null);
		String self = created.path("attachment").path("links").path("self").asString();

		assertThat(created.path("attachment").path("links").path("content").isNull()).isTrue();
		rejected(() -> api.get(self + "/content").as(alice).send(), 404);
		rejected(() -> api.get(self + "/thumbnail").as(alice).send(), 404);
		rejected(() -> api.post(self + "/relabel").as(alice).send(), 409);
	}

	/** Waits until labeling is done with the attachment, so that it changes nothing while a test looks. */
	private void settled(String attachmentId) {
		uploads.awaitStatus(alice, task, attachmentId, Set.of("LABELED", "FAILED"), Duration.ofSeconds(60));
		// The worker deletes the job in a transaction of its own, just after the labels are saved.
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
				"SELECT COUNT(*) FROM labeling_jobs WHERE attachment_id = ?").param(attachmentId).query(Long.class)
			.single() == 0);
	}

	/** A new attachment waiting for its bytes. */
	private JsonNode pending(String filename, String contentType, Long size) {
		return uploads.request(alice, task, filename, contentType, size).expect(201).json();
	}

	/**
	 * Sends the request, asserts the problem status and that nothing was stored; the server answers
	 * normally afterwards.
	 */
	private Response rejected(Supplier<Response> request, int status) {
		StoredState before = state();
		Response response = request.get().expect(status);
		assertThat(state()).as("stored state after a %d", status).isEqualTo(before);
		api.get("/actuator/health").send().expect(200);
		return response;
	}

	/** A problem about an upload does not carry its URL's ticket, which would end up in logs and error reports. */
	private static void assertTicketNotEchoed(JsonNode created, Response problem) {
		String url = created.path("upload").path("url").asString();
		assertThat(problem.body()).doesNotContain(url.substring(url.lastIndexOf('/') + 1));
	}

	/** The rejected uploads did not use up the URL: the right bytes are still accepted. */
	private void assertStillUsable(JsonNode created, byte[] bytes) {
		JsonNode stored = uploads.upload(created, bytes).expect(200).json();
		assertThat(stored.path("size").asLong()).isEqualTo(bytes.length);
		assertThat(uploads.complete(alice, created).expect(200).json().path("status").asString())
			.isIn("UPLOADED", "LABELING", "LABELED");
	}

	/** The files in the folder of Alice's task. */
	private List<Path> taskFiles() {
		return StoredState.filesUnder(taskFolder());
	}

	private Path taskFolder() {
		return dataDir.resolve("objects").resolve(alice.id()).resolve(task);
	}

	private StoredState state() {
		return StoredState.of(jdbc, dataDir, alice.id(), task);
	}

	/**
	 * The sweeper deletes the files and then their empty folders: waiting for the files alone once let a
	 * test look at the folder between its last file and the folder itself.
	 */
	private void awaitNoFiles() {
		Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(taskFolder()).doesNotExist());
	}

	private static int redness(BufferedImage image, int x, int y) {
		return (image.getRGB(x, y) >> 16) & 0xFF;
	}

	private static JsonNode label(JsonNode attachment, String name) {
		for (JsonNode label : attachment.path("labels")) {
			if (label.path("name").asString().equals(name)) {
				return label;
			}
		}
		throw new AssertionError("no label " + name + " in " + attachment.path("labels"));
	}
}
