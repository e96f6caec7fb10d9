package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

import app.tasklens.TasklensProcess;
import app.tasklens.TestImages;
import app.tasklens.adapter.jdbc.PostgresServer;
import app.tasklens.adapter.s3.S3StandIn;
import app.tasklens.web.api.ApiClient;
import app.tasklens.web.api.ApiClient.User;
import app.tasklens.web.api.ApiIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Tasklens with its data in PostgreSQL and its images in a bucket of the S3 stand-in. It runs as its own
 * process with {@code TASKLENS_DATABASE_URL} (a new empty database its Flyway migrates) and
 * {@code TASKLENS_OBJECTS_S3_*} (and the stand-in's keys as {@code AWS_ACCESS_KEY_ID}…), as a user starts
 * {@code ./tasklens}; the bucket's CORS rule is the one the README gives. The story in real Chromium: sign
 * up, create a task, send a photo straight to the bucket, see the labels appear by themselves, the
 * thumbnail loaded from the bucket, find the task by "animal", and deleting the task takes the objects out
 * of the bucket. Over the API: an upload whose completion call never came is found by the sweep, bytes
 * that are no image are rejected and deleted from the bucket, and images are presigned redirects that the
 * Content-Security-Policy allows. The server's data folder never holds an image
 * or a database.
 */
class S3StoryBrowserTest {

	private static final S3StandIn S3 = S3StandIn.get();
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static Path dataDir;
	private static String bucket;
	private static TasklensProcess server;
	private static ApiClient api;

	@BeforeAll
	static void tasklensOnABucket() throws Exception {
		BrowserSession.assumeChromium();
		dataDir = ApiIntegrationTest.FreshDataDir.newDataDir();
		bucket = S3.newBucket("story");
		Map<String, String> environment = new HashMap<>(S3.environment(bucket));
		environment.putAll(PostgresServer.get().environment(PostgresServer.get().newEmptyDatabase()));
		server = TasklensProcess.start(dataDir, "s3-story", List.of("-Xmx384m"), environment,
				"--tasklens.attachments.sweep-interval=300ms");
		S3.allow(bucket, page());
		api = new ApiClient(server.port());
	}

	@AfterAll
	static void stop() throws Exception {
		if (server != null) {
			server.close();
		}
		assertThat(Files.exists(dataDir.resolve("objects"))).as("no image in the data folder").isFalse();
		assertThat(Files.exists(dataDir.resolve("tasklens.db"))).as("no SQLite database in the data folder").isFalse();
	}

	private static String page() {
		return "http://localhost:" + server.port();
	}

	@Test
	void uploadStraightToTheBucketSeeLabelsLiveFindByAnimalAndDeleteTakesTheObjects() {
		try (BrowserSession browser = BrowserSession.open(page(), true)) {
			browser.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			String walk = browser.createTask("Walk the dog", "Around the park", null);
			browser.markPage();

			browser.uploadImage(walk, TestImages.darknetDir().resolve("dog.jpg"));
			List<String> badges = browser.awaitLabels(walk, "Dog");

			assertThat(badges).isNotEmpty();
			assertThat(browser.seenImageStatuses()).contains("Detecting labels…");
			assertThat(browser.samePage()).as("labels appeared without a reload").isTrue();
			String image = browser.imageIds(walk).get(0);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(thumbnailsLoaded(browser))
				.as("the thumbnail, redirected to the bucket, is shown").isTrue());
			assertThat(S3.keys(bucket)).as("the photo and its thumbnail, in the bucket")
				.anyMatch(key -> key.endsWith("/" + walk + "/" + image + ".jpg"))
				.anyMatch(key -> key.endsWith("/" + walk + "/" + image + ".thumb.jpg"));

			browser.filterByLabel("animal");
			assertThat(browser.taskIds()).containsExactly(walk);

			browser.deleteTask(walk);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(S3.keys(bucket))
				.as("objects of the deleted task").noneMatch(key -> key.contains("/" + walk + "/")));
			assertThat(browser.consoleErrors()).as("no script errors, nothing blocked by the CSP").isEmpty();
		}
	}

	@Test
	void withoutJavaScriptTheFormSendsThePhotoThroughTheServerIntoTheBucket() {
		try (BrowserSession browser = BrowserSession.open(page(), false)) {
			browser.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			String walk = browser.createTask("Walk the dog", "", null);

			assertThat(browser.attachWithForm(walk, TestImages.darknetDir().resolve("dog.jpg")))
				.isEqualTo("dog.jpg is attached; its labels follow.");
			browser.reloadUntilLabeled(walk, "Dog");
			String image = browser.imageIds(walk).get(0);
			assertThat(S3.keys(bucket)).as("the photo, in the bucket")
				.anyMatch(key -> key.endsWith("/" + walk + "/" + image + ".jpg"));
		}
	}

	@Test
	void anUploadWhoseCompletionCallNeverCameIsFoundByTheSweep() throws Exception {
		User alice = api.signUp(ApiClient.unique("alice"));
		String task = api.createTask(alice, "Birds").path("id").asString();
		byte[] eagle = TestImages.darknet("eagle.jpg");
		JsonNode created = request(alice, task, "eagle.jpg", "image/jpeg", eagle.length);

		assertThat(put(created, eagle).statusCode()).isEqualTo(200);

		String self = created.path("attachment").path("links").path("self").asString();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
				api.get(self).as(alice).send().expect(200).json().path("status").asString()).isIn("UPLOADED", "LABELING",
						"LABELED"));
	}

	@Test
	void bytesThatAreNoImageAreRejectedWithTheReasonAndGoFromTheBucket() throws Exception {
		User alice = api.signUp(ApiClient.unique("alice"));
		String task = api.createTask(alice, "Receipts").path("id").asString();
		byte[] text = "not a picture".getBytes();
		JsonNode created = request(alice, task, "fake.png", "image/png", text.length);
		String complete = created.path("attachment").path("links").path("complete").asString();
		api.post(complete).as(alice).send().expect(409);

		assertThat(put(created, text).statusCode()).isEqualTo(200);
		JsonNode rejected = api.post(complete).as(alice).send().expect(200).json();

		assertThat(rejected.path("status").asString()).isEqualTo("REJECTED");
		assertThat(rejected.path("error").asString()).isEqualTo("the file is not a JPEG, PNG or WebP image");
		assertThat(S3.keys(bucket)).noneMatch(key -> key.contains("/" + task + "/"));
	}

	@Test
	void imagesArePresignedRedirectsToTheBucketWhichTheCspAllows() throws Exception {
		User alice = api.signUp(ApiClient.unique("alice"));
		String task = api.createTask(alice, "Walk the dog").path("id").asString();
		byte[] dog = TestImages.darknet("dog.jpg");
		JsonNode created = request(alice, task, "Hund.jpg", "image/jpeg", dog.length);
		put(created, dog);
		String self = api.post(created.path("attachment").path("links").path("complete").asString()).as(alice).send()
			.expect(200).json().path("links").path("self").asString();

		ApiClient.Response content = api.get(self + "/content").as(alice).send();
		ApiClient.Response thumbnail = api.get(self + "/thumbnail").as(alice).send();

		assertThat(content.status()).isEqualTo(302);
		URI image = URI.create(content.header("Location").orElseThrow());
		assertThat(image.toString()).startsWith(S3.endpoint() + "/" + bucket + "/").contains("X-Amz-Signature=");
		HttpResponse<byte[]> fetched = HTTP.send(HttpRequest.newBuilder(image).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(fetched.body()).isEqualTo(dog);
		assertThat(fetched.headers().firstValue("Content-Disposition")).get().asString().contains("Hund.jpg");
		assertThat(thumbnail.status()).isEqualTo(302);
		assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(thumbnail.header("Location").orElseThrow())).build(),
				HttpResponse.BodyHandlers.ofByteArray()).headers().firstValue("Content-Type")).contains("image/jpeg");
		String policy = api.get("/login").send().header("Content-Security-Policy").orElseThrow();
		assertThat(policy).contains("img-src 'self' data: blob: " + S3.endpoint() + ";")
			.contains("connect-src 'self' " + S3.endpoint() + ";");
	}

	private static JsonNode request(User user, String task, String filename, String type, long size) {
		return api.post("/api/tasks/" + task + "/attachments").as(user)
			.json(Map.of("filename", filename, "contentType", type, "size", size)).send().expect(201).json();
	}

	/** Sends the bytes as the upload target says, straight to the bucket, as a client would. */
	private static HttpResponse<String> put(JsonNode created, byte[] bytes) throws Exception {
		JsonNode upload = created.path("upload");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upload.path("url").asString()))
			.method(upload.path("method").asString(), HttpRequest.BodyPublishers.ofByteArray(bytes))
			.timeout(Duration.ofSeconds(30));
		upload.path("headers").properties().forEach(header -> request.header(header.getKey(), header.getValue().asString()));
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static boolean thumbnailsLoaded(BrowserSession browser) {
		return Boolean.TRUE.equals(((JavascriptExecutor) browser.driver()).executeScript("""
				const images = [...document.querySelectorAll('.attachment-thumb img')];
				return images.length > 0 && images.every(image => image.complete && image.naturalWidth > 0);"""));
	}
}
