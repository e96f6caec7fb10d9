package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiClient.User;

/**
 * The routes the web UI calls with its session cookie, over real HTTP as a browser would: asking for an
 * upload URL (with the page's CSRF token), the event stream an {@code EventSource} opens, and the image
 * and thumbnail an {@code <img>} loads. They answer as the API routes do, with links that stay on the
 * session side.
 */
@ApiIntegrationTest
class AttachmentSessionRoutesTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
	private static final Pattern META_CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	private ApiClient api;
	private User alice;
	private String task;
	private HttpClient browser;

	@BeforeEach
	void aliceIsSignedInInHerBrowser() throws Exception {
		api = new ApiClient(port);
		alice = api.signUp("alice-" + System.nanoTime());
		task = api.createTask(alice, "Walk the dog").path("id").asString();
		browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String csrf = find(HIDDEN_CSRF, send(get("/login")).body());
		HttpResponse<String> signIn = send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + encode(alice.username()) + "&password="
					+ encode(alice.password()) + "&_csrf=" + encode(csrf))));
		assertThat(signIn.statusCode()).isEqualTo(302);
		assertThat(signIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
	}

	@Test
	void theUiAsksForAnUploadUrlWithItsCsrfTokenAndGetsTheApiAnswer() throws Exception {
		HttpResponse<String> created = send(post("/tasks/" + task + "/attachments", pageCsrfToken()));

		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode body = JSON.readTree(created.body());
		String id = body.path("attachment").path("id").asString();
		assertThat(body.path("attachment").path("status").asString()).isEqualTo("PENDING_UPLOAD");
		assertThat(body.path("attachment").path("links").path("self").asString())
			.isEqualTo("/tasks/" + task + "/attachments/" + id);
		assertThat(body.path("upload").path("url").asString()).startsWith("http://localhost:" + port + "/api/uploads/");
	}

	@Test
	void withoutTheCsrfTokenTheUiCannotAskForAnUploadUrl() throws Exception {
		HttpResponse<String> refused = send(post("/tasks/" + task + "/attachments", null));

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(api.get("/api/tasks/" + task + "/attachments").as(alice).send().expect(200).json().path("items")
			.isEmpty()).isTrue();
	}

	@Test
	void theUiSeesTheLabelsLiveAndLoadsTheImageAndThumbnailWithItsSession() throws Exception {
		HttpResponse<String> created = send(post("/tasks/" + task + "/attachments", pageCsrfToken()));
		JsonNode body = JSON.readTree(created.body());
		String self = body.path("attachment").path("links").path("self").asString();
		byte[] dog = TestImages.darknet("dog.jpg");

		try (EventStream stream = EventStream.open(uri("/events"), Map.of("Cookie", sessionCookie()))) {
			assertThat(stream.status()).isEqualTo(200);
			new ImageUploads(api, port).upload(body, dog).expect(200);

			JsonNode labels = stream.next("labels", Duration.ofSeconds(60)).json();
			assertThat(labels.path("attachmentId").asString()).isEqualTo(body.path("attachment").path("id").asString());
			assertThat(labels.path("labels").toString()).contains("\"Dog\"");
		}

		HttpResponse<byte[]> image = browser.send(get(self + "/content").build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(image.statusCode()).isEqualTo(200);
		assertThat(image.body()).isEqualTo(dog);
		HttpResponse<byte[]> thumbnail = browser.send(get(self + "/thumbnail").build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(thumbnail.statusCode()).isEqualTo(200);
		assertThat(thumbnail.headers().firstValue("Content-Type")).contains("image/jpeg");
	}

	@Test
	void withoutASessionTheImageIsNotServed() throws Exception {
		String id = new ImageUploads(api, port).attach(alice, task, "a.png", "image/png", TestImages.png(20, 20))
			.path("id").asString();

		HttpResponse<String> anonymous = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri("/tasks/" + task + "/attachments/" + id + "/content")).build(),
					HttpResponse.BodyHandlers.ofString());

		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login");
	}

	private String pageCsrfToken() throws Exception {
		return find(META_CSRF, send(get("/")).body());
	}

	private HttpRequest.Builder post(String path, String csrfToken) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"filename\":\"dog.jpg\",\"contentType\":\"image/jpeg\",\"size\":163759}"));
		return csrfToken == null ? request : request.header("X-CSRF-TOKEN", csrfToken);
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(uri(path)).GET();
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return browser.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The session cookie, for a client of its own (the event stream). */
	private String sessionCookie() {
		return ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
			.filter(cookie -> cookie.getName().equals("JSESSIONID"))
			.map(cookie -> cookie.getName() + "=" + cookie.getValue())
			.findFirst()
			.orElseThrow();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private static String find(Pattern pattern, String html) {
		Matcher matcher = pattern.matcher(html);
		assertThat(matcher.find()).as("%s in %s", pattern, html).isTrue();
		return matcher.group(1);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
