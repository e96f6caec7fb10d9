package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiClient;
import app.tasklens.web.api.ApiIntegrationTest;

/**
 * The user's last word in real Chromium, on a photo the real labeler labeled: in the viewer a wrong label is
 * removed and one added by hand, the card on the list follows through the event stream, and the label filter
 * suggests the new label with its count; without JavaScript the same two forms work on the image's page.
 */
@ApiIntegrationTest
class LabelEditsBrowserTest {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Test
	void removeALabelAndAddOneInTheViewerThenTheFilterSuggestsIt() {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, true)) {
			browser.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			String task = browser.createTask("Morning walk", "", null);
			browser.uploadImage(task, TestImages.darknetDir().resolve("dog.jpg"));
			assertThat(browser.awaitLabels(task, "Dog")).contains("Dog");
			browser.openImage(task);
			WebDriver driver = browser.driver();

			click(driver, driver.findElement(By.cssSelector("#image-dialog[open] button[title='Remove the label Dog']")));
			until(driver, d -> !viewerLabels(d).isEmpty() && !viewerLabels(d).contains("Dog")
					&& !viewerLabels(d).contains("Malamute"));
			until(driver, d -> !cardBadges(browser, task).contains("Dog"));
			browser.awaitMessage("Label removed.");

			WebElement name = driver.findElement(By.cssSelector("#image-dialog[open] .label-add input[name=name]"));
			click(driver, name);
			name.sendKeys("Rex", Keys.ENTER);
			until(driver, d -> viewerLabels(d).contains("Rex"));
			assertThat(driver.findElement(By.cssSelector("#image-dialog[open] .label-rows li.is-users")).getText())
				.contains("Rex").contains("added by you");
			assertThat(driver.findElement(By.cssSelector("#image-dialog[open] .labels-removed")).getText()).contains("Dog");
			until(driver, d -> cardBadges(browser, task).contains("Rex"));
			assertThat(browser.task(task).findElement(By.cssSelector(".label-badge.is-users")).getText())
				.isEqualToIgnoringWhitespace("Rex yours");
			browser.screenshot("label-edits-viewer");
			browser.closeImageWithEscape();

			WebElement filter = driver.findElement(By.id("label"));
			filter.sendKeys("re");
			WebElement suggestion = new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class)
				.until(d -> d.findElements(By.cssSelector("#label-suggestions a.suggestion")).stream()
					.filter(link -> link.getText().replaceAll("\\s+", " ").equals("Rex 1 task"))
					.findFirst()
					.orElse(null));
			browser.screenshot("label-suggestions");
			suggestion.click();
			until(driver, d -> browser.path().contains("label=Rex"));
			assertThat(browser.taskIds()).containsExactly(task);
			assertThat(browser.consoleErrors()).isEmpty();
		}
	}

	@Test
	void withoutJavaScriptTheImagesPageRemovesAndAddsLabels() {
		String username = SignedInUser.freshUsername();
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, false)) {
			browser.signUp(username, SignedInUser.PASSWORD);
			String task = browser.createTask("Morning walk", "", null);
			String image = labeledDog(username, task);
			browser.open("/tasks/" + task + "/attachments/" + image + "/view");
			WebDriver driver = browser.driver();

			driver.findElement(By.cssSelector("button[title='Remove the label Dog']")).click();
			browser.awaitMessage("Label removed.");
			assertThat(viewerLabels(driver)).doesNotContain("Dog").isNotEmpty();

			driver.findElement(By.cssSelector(".label-add input[name=name]")).sendKeys("Rex");
			driver.findElement(By.cssSelector(".label-add button[type=submit]")).click();
			browser.awaitMessage("Label added.");
			assertThat(viewerLabels(driver)).contains("Rex");
			assertThat(driver.findElement(By.cssSelector(".label-rows li.is-users")).getText()).contains("added by you");

			driver.findElement(By.cssSelector("button[title='Put the label Dog back']")).click();
			until(driver, d -> viewerLabels(d).contains("Dog"));
			assertThat(viewerLabels(driver)).contains("Dog", "Rex");
		}
	}

	/** Uploads darknet's dog through the API for the user and waits for the real labels; the image id. */
	private String labeledDog(String username, String task) {
		ApiClient api = new ApiClient(port);
		String token = api.token(username, SignedInUser.PASSWORD);
		byte[] dog = TestImages.darknet("dog.jpg");
		JsonNode created = api.post("/api/tasks/" + task + "/attachments").bearer(token)
			.json(Map.of("filename", "dog.jpg", "contentType", "image/jpeg", "size", dog.length)).send().expect(201).json();
		api.put(created.path("upload").path("url").asString()).bytes("image/jpeg", dog).send().expect(200);
		String id = created.path("attachment").path("id").asString();
		String self = "/api/tasks/" + task + "/attachments/" + id;
		JsonNode labeled = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
			.until(() -> api.get(self).bearer(token).send().expect(200).json(),
					attachment -> "LABELED".equals(attachment.path("status").asString()));
		assertThat(labeled.path("labels").toString()).contains("\"Dog\"");
		return id;
	}

	/** Clicks an element once it is in the middle of its scrolled box: the dialog scrolls, and its edge hides. */
	private static void click(WebDriver driver, WebElement element) {
		((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({ block: 'center' });",
				element);
		element.click();
	}

	private static void until(WebDriver driver, java.util.function.Function<WebDriver, Boolean> condition) {
		new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class).until(condition);
	}

	/** The label names the viewer lists, in the dialog when it is open, else on the image's page. */
	private static List<String> viewerLabels(WebDriver driver) {
		String scope = driver.findElements(By.cssSelector("#image-dialog[open]")).isEmpty() ? "" : "#image-dialog[open] ";
		return driver.findElements(By.cssSelector(scope + ".label-rows .label-name")).stream()
			.map(WebElement::getText)
			.toList();
	}

	private static List<String> cardBadges(BrowserSession browser, String task) {
		return browser.task(task).findElements(By.cssSelector(".label-badges .label-name")).stream()
			.map(WebElement::getText)
			.toList();
	}
}
