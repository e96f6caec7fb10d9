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
 * Touch and keyboard in real Chromium: label badges measured on the screen, on the list and in the viewer;
 * one Tab stop per image card with the arrow keys inside it; j and k between tasks.
 */
@ApiIntegrationTest
class TouchAndKeyboardBrowserTest {

	@LocalServerPort
	int port;

	/** Every badge is a target of at least 24 × 24 CSS pixels, on a phone and a desktop. */
	@Test
	void labelBadgesAreAtLeast24PixelsTallOnThePhoneAndTheDesktop() {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, true)) {
			browser.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			String task = browser.createTask("Riding lesson", "", null);
			browser.uploadImage(task, TestImages.darknetDir().resolve("horses.jpg"));
			browser.awaitLabels(task, "Horse");
			for (int width : new int[] { 390, 1280 }) {
				browser.resize(width, 900);
				assertThat(smallTargets(browser.driver(), "#task-" + task + " .label-badge, #task-" + task + " .label-more"))
					.as("badges under 24 px on the list at " + width + " px").isEmpty();
				browser.openImage(task);
				assertThat(smallTargets(browser.driver(), "#image-dialog[open] .label-badge"))
					.as("badges under 24 px in the viewer at " + width + " px").isEmpty();
				browser.closeImageWithEscape();
			}
		}
	}

	@Test
	void anImageCardIsOneTabStopWithArrowKeysInsideAndJAndKGoBetweenTasks() {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, true)) {
			browser.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			String first = browser.createTask("Buy hay", "", null);
			String task = browser.createTask("Riding lesson", "", null);
			browser.uploadImage(task, TestImages.darknetDir().resolve("horses.jpg"));
			browser.awaitLabels(task, "Horse");
			browser.uploadImage(task, TestImages.darknetDir().resolve("dog.jpg"));
			browser.awaitLabels(task, "Dog");
			WebDriver driver = browser.driver();
			List<String> images = browser.imageIds(task);
			assertThat(images).hasSize(2);

			((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].focus();",
					driver.findElement(By.cssSelector("#attachment-" + images.get(0) + " a.attachment-thumb")));
			browser.press(Keys.TAB);
			awaitFocusIn(browser, images.get(1), "attachment-thumb");
			new org.openqa.selenium.interactions.Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
			awaitFocusIn(browser, images.get(0), "attachment-thumb");

			browser.press(Keys.ARROW_RIGHT);
			awaitFocusIn(browser, images.get(0), "label-badge");
			browser.press(Keys.TAB);
			awaitFocusIn(browser, images.get(1), "attachment-thumb");
			new org.openqa.selenium.interactions.Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
			awaitFocusIn(browser, images.get(0), "label-badge");
			browser.press(Keys.ARROW_LEFT);
			awaitFocusIn(browser, images.get(0), "attachment-thumb");

			((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].focus();",
					driver.findElement(By.id("done-" + task)));
			browser.press("j");
			browser.waiting().until(d -> ("done-" + first).equals(browser.focused().getDomAttribute("id")));
			browser.press("k");
			browser.waiting().until(d -> ("done-" + task).equals(browser.focused().getDomAttribute("id")));
			assertThat(browser.consoleErrors()).isEmpty();
		}
	}

	/** Waits until the focus is on an element with class {@code kind} inside the image's card. */
	private static void awaitFocusIn(BrowserSession browser, String imageId, String kind) {
		try {
			awaitFocus(browser, imageId, kind);
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			throw new AssertionError("focus is not on " + kind + " of " + imageId + " but on "
					+ browser.focused().getDomProperty("outerHTML"), ex);
		}
	}

	private static void awaitFocus(BrowserSession browser, String imageId, String kind) {
		browser.waiting().until(driver -> {
			Object inCard = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
					"const f = document.activeElement; return !!f && f.classList.contains(arguments[1])"
							+ " && !!f.closest('#attachment-' + arguments[0]);", imageId, kind);
			return Boolean.TRUE.equals(inCard);
		});
	}

	/** The elements matching {@code css} (at least one must) that are under 24 CSS pixels tall or wide, with their size. */
	@SuppressWarnings("unchecked")
	private static List<String> smallTargets(WebDriver driver, String css) {
		List<String> small = (List<String>) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("""
				const targets = [...document.querySelectorAll(arguments[0])];
				if (targets.length === 0) { return ['nothing matches ' + arguments[0]]; }
				return targets.map(t => [t.textContent.trim().replace(/\\s+/g, ' '), t.getBoundingClientRect()])
				    .filter(([, r]) => r.height < 24 || r.width < 24)
				    .map(([text, r]) => text + ' ' + r.width.toFixed(1) + ' x ' + r.height.toFixed(1));""", css);
		return small;
	}

}
