package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.boot.test.web.server.LocalServerPort;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiIntegrationTest;

/**
 * All images in real Chromium with real labeling: images attached in one tab appear in the gallery of
 * another, the viewer opened there steps through the gallery's order with the arrow keys, the label filter
 * narrows it and says when nothing matches, and a deleted image leaves it; at desktop and phone widths.
 */
@ApiIntegrationTest
class GalleryBrowserTest {

	@LocalServerPort
	int port;

	@Test
	void imagesOfAllTasksShowNewestFirstFollowOtherTabsAndStepInTheViewer() {
		Path darknet = TestImages.darknetDir();
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, true)) {
			browser.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			String tasksTab = browser.driver().getWindowHandle();
			String walk = browser.createTask("Walk the dog", "", null);
			browser.uploadImage(walk, darknet.resolve("dog.jpg"));
			browser.awaitLabels(walk, "Dog");
			String ride = browser.createTask("Riding lesson", "", null);
			browser.uploadImage(ride, darknet.resolve("horses.jpg"));
			browser.awaitLabels(ride, "Horse");
			String dog = image(browser, walk, 0);
			String horses = image(browser, ride, 0);

			String galleryTab = browser.openTab("/");
			browser.driver().findElement(By.id("nav-images")).click();
			assertThat(browser.path()).startsWith("/images");
			assertThat(browser.galleryImageIds()).as("newest first, across tasks").containsExactly(horses, dog);
			String taskLink = browser.waiting()
				.until(driver -> driver.findElement(By.cssSelector("#attachment-" + dog + " .gallery-task-link")).getText());
			assertThat(taskLink).isEqualTo("Walk the dog");

			browser.showTab(tasksTab);
			browser.uploadImage(walk, darknet.resolve("eagle.jpg"));
			String eagle = image(browser, walk, 1);
			browser.showTab(galleryTab);
			browser.waiting().until(driver -> browser.galleryImageIds().size() == 3);
			assertThat(browser.galleryImageIds()).as("the other tab's new image, live").containsExactly(eagle, horses, dog);

			browser.openGalleryImage(horses);
			assertThat(browser.viewerPosition()).isEqualTo(horses + ": Image 2 of 3 in all your images");
			browser.press(Keys.ARROW_RIGHT);
			browser.waiting().until(driver -> browser.viewerPosition().startsWith(dog));
			assertThat(browser.viewerPosition()).isEqualTo(dog + ": Image 3 of 3 in all your images");
			browser.press(Keys.ARROW_LEFT);
			browser.waiting().until(driver -> browser.viewerPosition().startsWith(horses));
			browser.press(Keys.ARROW_LEFT);
			browser.waiting().until(driver -> browser.viewerPosition().startsWith(eagle));
			browser.screenshot("gallery-viewer");
			browser.closeImageWithEscape();

			browser.filterByLabel("horse");
			browser.waiting().until(driver -> browser.galleryImageIds().equals(List.of(horses)));
			browser.openGalleryImage(horses);
			assertThat(browser.driver().findElements(By.cssSelector("#image-dialog[open] .viewer-nav")))
				.as("the only image found: no previous or next").isEmpty();
			browser.closeImageWithEscape();
			browser.filterByLabel("zebra");
			browser.waiting().until(driver -> driver.findElement(By.id("no-images-match")).isDisplayed());

			browser.open("/images");
			browser.screenshot("gallery-desktop");
			browser.showTab(tasksTab);
			browser.deleteImage(ride, horses);
			browser.showTab(galleryTab);
			browser.waiting().until(driver -> browser.galleryImageIds().equals(List.of(eagle, dog)));

			browser.resize(390, 844);
			browser.open("/images");
			assertThat(browser.horizontalOverflow()).as("nothing sticks out sideways on a phone").isZero();
			browser.screenshot("gallery-phone");
			assertThat(browser.consoleErrors()).isEmpty();
		}
	}

	/** The id of the task's image at {@code index}, read inside a wait: a live update may swap the cards. */
	private static String image(BrowserSession browser, String taskId, int index) {
		return browser.waiting().until(driver -> {
			List<String> ids = browser.imageIds(taskId);
			return ids.size() > index ? ids.get(index) : null;
		});
	}
}
