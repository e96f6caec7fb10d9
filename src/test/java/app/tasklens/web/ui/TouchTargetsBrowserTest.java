package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiIntegrationTest;

/** Touch targets in real Chromium, measured on the screen: label badges on the list and in the viewer. */
@ApiIntegrationTest
class TouchTargetsBrowserTest {

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
