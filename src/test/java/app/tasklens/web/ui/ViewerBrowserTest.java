package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiIntegrationTest;

/**
 * The viewer in real Chromium on photos the real labeler labeled: on darknet's horses, where several boxes
 * lie close together, no two captions overlap on the screen; each label says its confidence and how many
 * boxes were found with theirs; Previous and Next, and the arrow keys, step through the task's images in the
 * dialog, and on the image's own page without JavaScript.
 */
@ApiIntegrationTest
class ViewerBrowserTest {

	@LocalServerPort
	int port;

	@Test
	void captionsOfCloseBoxesDoNotOverlapAndEachLabelSaysWhatWasFound() {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, true)) {
			browser.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			String task = browser.createTask("Riding lesson", "", null);
			browser.uploadImage(task, TestImages.darknetDir().resolve("horses.jpg"));
			browser.awaitLabels(task, "Horse");
			browser.openImage(task);

			List<String> captions = browser.imageBoxCaptions();
			assertThat(captions).as("captions drawn").hasSizeGreaterThanOrEqualTo(3);
			assertThat(overlappingCaptions(browser.driver())).as("captions that overlap another").isEmpty();
			String horse = browser.driver().findElements(By.cssSelector("#image-dialog[open] .label-rows li")).stream()
				.map(row -> row.getText().replaceAll("\\s+", " "))
				.filter(row -> row.startsWith("Horse "))
				.findFirst()
				.orElseThrow();
			assertThat(horse).matches("Horse \\d+% — \\d+ found, boxes \\d+–\\d+% .*");
			assertThat(browser.driver().findElement(By.cssSelector("#image-dialog[open] .viewer-legend")).getText())
				.contains("how sure the labeler is");
			browser.screenshot("viewer-captions-apart");
		}
	}

	@Test
	void previousAndNextStepThroughTheTasksImagesByButtonAndArrowKey() {
		String username = SignedInUser.freshUsername();
		String task;
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, true)) {
			browser.signUp(username, SignedInUser.PASSWORD);
			task = browser.createTask("Farm visit", "", null);
			for (String[] photo : new String[][] { { "horses.jpg", "Horse" }, { "dog.jpg", "Dog" },
					{ "person.jpg", "Person" } }) {
				browser.uploadImage(task, TestImages.darknetDir().resolve(photo[0]));
				browser.awaitLabels(task, photo[1]);
			}
			browser.openImage(task);
			WebDriver driver = browser.driver();
			awaitShown(browser, "horses.jpg", "Image 1 of 3 in this task");
			assertThat(driver.findElements(By.cssSelector("#image-dialog[open] a.viewer-previous"))).isEmpty();

			browser.press(Keys.ARROW_RIGHT);
			awaitShown(browser, "dog.jpg", "Image 2 of 3 in this task");
			browser.press(Keys.ARROW_LEFT);
			awaitShown(browser, "horses.jpg", "Image 1 of 3 in this task");

			driver.findElement(By.cssSelector("#image-dialog[open] a.viewer-next")).click();
			awaitShown(browser, "dog.jpg", "Image 2 of 3 in this task");
			browser.waiting().until(d -> String.valueOf(browser.focused().getDomAttribute("class")).contains("viewer-next"));
			browser.press(Keys.ENTER);
			awaitShown(browser, "person.jpg", "Image 3 of 3 in this task");
			assertThat(driver.findElements(By.cssSelector("#image-dialog[open] a.viewer-next"))).as("at the last").isEmpty();
			browser.screenshot("viewer-next-previous");

			browser.closeImageWithEscape();
			String last = browser.imageIds(task).get(2);
			assertThat(browser.focused().getDomProperty("outerHTML"))
				.as("focus back on the thumbnail of the image shown last")
				.contains("href=\"/tasks/" + task + "/attachments/" + last + "/view\"");
			assertThat(browser.consoleErrors()).isEmpty();
		}
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, false)) {
			browser.signIn(username, SignedInUser.PASSWORD);
			browser.task(task).findElement(By.cssSelector("a.attachment-thumb")).click();
			browser.waiting().until(d -> d.findElement(By.tagName("h1")).getText().equals("horses.jpg"));
			browser.driver().findElement(By.cssSelector("a.viewer-next")).click();
			browser.waiting().until(d -> d.findElement(By.tagName("h1")).getText().equals("dog.jpg"));
			assertThat(browser.driver().findElement(By.className("viewer-position")).getText())
				.isEqualTo("Image 2 of 3 in this task");
			browser.driver().findElement(By.cssSelector("a.viewer-previous")).click();
			browser.waiting().until(d -> d.findElement(By.tagName("h1")).getText().equals("horses.jpg"));
		}
	}

	private static void awaitShown(BrowserSession browser, String title, String position) {
		browser.waiting().until(driver -> driver.findElement(By.id("image-dialog-title")).getText().equals(title)
				&& driver.findElement(By.cssSelector("#image-dialog[open] .viewer-position")).getText().equals(position));
	}

	/** The captions whose boxes on the screen intersect another caption's, as "Horse 97% / Horse 88%". */
	@SuppressWarnings("unchecked")
	static List<String> overlappingCaptions(WebDriver driver) {
		return (List<String>) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("""
				const texts = [...document.querySelectorAll('#image-dialog[open] .viewer-boxes text')];
				const boxes = texts.map(t => [t.textContent, t.getBoundingClientRect()]);
				const found = [];
				for (let i = 0; i < boxes.length; i++) {
				  for (let j = i + 1; j < boxes.length; j++) {
				    const [a, r] = boxes[i], [b, s] = boxes[j];
				    if (r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom) {
				      found.push(a + ' / ' + b);
				    }
				  }
				}
				return found;""");
	}
}
