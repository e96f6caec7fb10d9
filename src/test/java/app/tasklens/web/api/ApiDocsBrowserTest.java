package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * The Swagger UI at {@code /api/docs} works in Debian's Chromium under the API's Content-Security-Policy,
 * which forbids inline script and allows only the one inline style of the bundle by its hash: it lists
 * every operation in sections of readable names in a fixed order, opens one, and logs nothing in the console.
 */
@ApiIntegrationTest
class ApiDocsBrowserTest {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@LocalServerPort
	int port;

	@Test
	void theSwaggerUiShowsAndOpensTheOperationsWithoutInlineScript() {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"browser test skipped: apt-get install -y chromium chromium-driver");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--no-first-run", "--disable-background-networking", "--user-data-dir="
						+ ApiIntegrationTest.FreshDataDir.newDataDir().resolve("chromium"));
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		// The system's driver, so that Selenium Manager never looks for or downloads one.
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort().build();
		ChromeDriver browser = new ChromeDriver(service, options);
		try {
			browser.get("http://localhost:" + port + "/api/docs");
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
			// Every operation of the OpenAPI document is shown.
			wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".opblock-summary-path"), operations()));

			List<String> paths = browser.findElements(By.cssSelector(".opblock-summary-path")).stream()
				.map(path -> path.getDomAttribute("data-path")).distinct().toList();
			assertThat(paths).containsExactlyInAnyOrder("/api/tasks", "/api/tasks/{id}", "/api/users",
					"/api/users/{id}", "/api/users/me", "/api/users/me/password", "/api/token",
					"/api/tasks/{taskId}/attachments",
					"/api/tasks/{taskId}/attachments/{attachmentId}", "/api/tasks/{taskId}/attachments/{attachmentId}/relabel",
					"/api/tasks/{taskId}/attachments/{attachmentId}/complete",
					"/api/tasks/{taskId}/attachments/{attachmentId}/content",
					"/api/tasks/{taskId}/attachments/{attachmentId}/thumbnail", "/api/uploads/{ticket}", "/api/signedUrl",
					"/api/tasks/{taskId}/attachments/{attachmentId}/labels",
					"/api/tasks/{taskId}/attachments/{attachmentId}/labels/{name}", "/api/labels",
					"/api/images", "/api/events", "/api/detect-labels", "/api/access-keys", "/api/access-keys/{accessKeyId}", "/api/invites",
					"/api/invites/{id}", "/api/admin/overview", "/api/admin/users/{id}");
			assertThat(browser.findElement(By.cssSelector(".info .title")).getText()).startsWith("Tasklens API");
			List<String> sections = browser.findElements(By.cssSelector(".opblock-tag")).stream()
				.map(tag -> tag.getDomAttribute("data-tag")).toList();
			assertThat(sections).as("readable names in the order of OpenApiConfiguration.TAG_ORDER")
				.containsExactlyElementsOf(OpenApiConfiguration.TAG_ORDER);

			browser.findElement(By.cssSelector("#operations-Tasks-list .opblock-summary")).click();
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".try-out__btn")));
			assertThat(browser.findElement(By.cssSelector("#operations-Tasks-list")).getText()).contains("limit", "cursor");

			List<String> console = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
				.map(entry -> entry.getLevel() + " " + entry.getMessage())
				.toList();
			assertThat(console).as("no CSP violation nor any other error in the console").isEmpty();
		}
		finally {
			browser.quit();
		}
	}

	/** Types of the server's machinery, not of the API's JSON, must not show as schemas. */
	@Test
	void theSchemasAreTheApisJsonOnly() {
		JsonNode schemas = new ApiClient(port).get("/api/docs/openapi.json").send().expect(200).json().path("components")
			.path("schemas");

		assertThat(schemas.propertyNames()).contains("TaskJson", "Problem")
			.noneMatch(name -> name.contains("Emitter") || name.contains("ResponseEntity") || name.contains("Servlet")
					|| name.contains("Multipart") || name.contains("CurrentUser"));
	}

	/** The number of operations in the OpenAPI document. */
	private int operations() {
		JsonNode paths = new ApiClient(port).get("/api/docs/openapi.json").send().expect(200).json().path("paths");
		int count = 0;
		for (JsonNode path : paths) {
			for (String method : List.of("get", "put", "post", "delete", "patch")) {
				count += path.has(method) ? 1 : 0;
			}
		}
		return count;
	}
}
