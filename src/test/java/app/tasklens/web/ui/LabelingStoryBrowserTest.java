package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;


import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiIntegrationTest;

/**
 * The labeling story in real Chromium against the real detector: a user attaches a photo of a dog to a
 * task, sees "Detecting labels…", then the labels appear by themselves, opens the photo with its boxes,
 * finds the task by "animal", and deleting the task takes the files with it. Skipped, saying why, where
 * Chromium is not installed.
 */
@ApiIntegrationTest
@TestPropertySource(properties = "tasklens.attachments.max-size=1MB")
class LabelingStoryBrowserTest {

	private static final boolean JAVASCRIPT = true;
	private static final boolean NO_JAVASCRIPT = false;

	@LocalServerPort
	int port;

	@Value("${tasklens.data-dir}")
	Path dataDir;

	@Test
	void uploadADogSeeItsLabelsLiveFindItByAnimalAndDeleteItWithItsFiles() {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, JAVASCRIPT)) {
			browser.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			String milk = browser.createTask("Buy milk", "", null);
			String walk = browser.createTask("Walk the dog", "Around the park", null);
			browser.markPage();
			WebElement heading = browser.driver().findElement(By.tagName("h1"));

			browser.uploadImage(walk, TestImages.darknetDir().resolve("dog.jpg"));
			List<String> badges = browser.awaitLabels(walk, "Dog");

			assertThat(browser.seenImageStatuses()).as("shown while the labels were being detected")
				.contains("Detecting labels…");
			assertThat(badges).hasSizeLessThanOrEqualTo(AttachmentCard.BADGES);
			assertThat(browser.samePage()).as("labels appeared without a reload").isTrue();
			assertThat(heading.isDisplayed()).isTrue();
			assertThat(browser.imageNews(walk)).startsWith("dog.jpg: labels ").contains("Dog");
			assertThat(browser.imageIds(walk)).hasSize(1);
			assertThat(browser.imageIds(milk)).isEmpty();
			browser.scrollTo(walk);
			browser.screenshot("labels-desktop");

			browser.openImage(walk);
			assertThat(browser.imageBoxCaptions()).anySatisfy(caption -> assertThat(caption).startsWith("Dog "));
			assertThat(browser.boxesLieOnTheImage()).isTrue();
			browser.screenshot("viewer-desktop");
			browser.closeImageWithEscape();
			assertThat(browser.focused().getDomAttribute("class")).as("focus back on the thumbnail")
				.isEqualTo("attachment-thumb");

			browser.resize(390, 844);
			browser.scrollTo(walk);
			browser.screenshot("labels-phone");
			browser.openImage(walk);
			browser.screenshot("viewer-phone");
			browser.closeImageWithEscape();
			browser.resize(1280, 900);

			browser.dropFile(walk, "eagle.jpg", "image/jpeg", TestImages.darknet("eagle.jpg"));
			browser.awaitLabels(walk, "Bird");
			List<String> images = browser.imageIds(walk);
			assertThat(images).as("dog, then eagle").hasSize(2);
			assertThat(originalsOf(walk)).hasSize(2);
			browser.deleteImage(walk, images.get(1));
			assertThat(browser.lastDialog()).isEqualTo("Delete the image “eagle.jpg”? This cannot be undone.");
			assertThat(browser.focused().getDomAttribute("class")).as("focus stays with the task's images: %s",
					browser.focused().getDomProperty("outerHTML")).isEqualTo("attachment-thumb");
			awaitFiles(walk, 2);

			browser.filterByLabel("animal");
			assertThat(browser.taskIds()).containsExactly(walk);
			browser.scrollTo(walk);
			browser.screenshot("filter-animal");

			assertThat(filesOf(walk)).as("the photo and its thumbnail").hasSize(2);
			browser.deleteTask(walk);
			awaitFiles(walk, 0);
			assertThat(browser.samePage()).isTrue();
			assertThat(browser.consoleErrors()).as("no script errors, no blocked inline script or style").isEmpty();
		}
	}

	@Test
	void refusedFilesSayWhyAndLeaveNothingBehind() {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, JAVASCRIPT)) {
			browser.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			String task = browser.createTask("Scan receipts", "", null);

			browser.dropFile(task, "huge.png", "image/png", new byte[1536 * 1024]);
			assertThat(browser.awaitUploadError(task)).isEqualTo("huge.png: This file is 1.5 MB; an image can be at most 1 MB.");

			browser.open("/");
			browser.dropFile(task, "notes.txt", "text/plain", "not a picture".getBytes());
			assertThat(browser.awaitUploadError(task))
				.isEqualTo("notes.txt: Only JPEG, PNG and WebP images can be attached, not text/plain");

			browser.open("/");
			browser.dropFile(task, "fake.jpg", "image/jpeg", "not a picture either".getBytes());
			assertThat(browser.awaitUploadError(task)).isEqualTo("fake.jpg: The file is not a JPEG, PNG or WebP image");
			browser.scrollTo(task);
			browser.screenshot("upload-refused");

			browser.open("/");
			assertThat(browser.imageIds(task)).as("a refused upload leaves no image behind").isEmpty();
			assertThat(filesOf(task)).isEmpty();
		}
	}

	@Test
	void withoutJavaScriptImagesAndLabelsShowAndOpenOnAPageOfTheirOwn() {
		String username = SignedInUser.freshUsername();
		String task;
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, JAVASCRIPT)) {
			browser.signUp(username, SignedInUser.PASSWORD);
			task = browser.createTask("Birdwatching", "", null);
			browser.dropFile(task, "eagle.jpg", "image/jpeg", TestImages.darknet("eagle.jpg"));
			browser.awaitLabels(task, "Bird");
		}
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, NO_JAVASCRIPT)) {
			browser.signIn(username, SignedInUser.PASSWORD);

			assertThat(browser.awaitLabels(task, "Bird")).isNotEmpty();
			assertThat(browser.driver().findElement(By.className("attach-control")).isDisplayed())
				.as("the picker and drop target need JavaScript").isFalse();
			assertThat(browser.task(task).findElement(By.className("attach-form")).isDisplayed())
				.as("the plain form attaches without it").isTrue();

			browser.task(task).findElement(By.cssSelector("a.attachment-thumb")).click();
			assertThat(browser.path()).endsWith("/view");
			assertThat(browser.driver().findElements(By.cssSelector(".viewer-boxes text"))).isNotEmpty();
			browser.screenshot("viewer-page-no-js");
		}
	}

	/**
	 * Stopping the event stream ends every connection and drops the events of labels saved meanwhile, as a
	 * server restart or a network break would. The page must fetch its cards again when it reconnects.
	 */
	@Test
	void labelsSavedWhileThePageWasDisconnectedShowAfterItReconnects(@Autowired ApplicationContext context,
			@Autowired JdbcClient jdbc) {
		SmartLifecycle events = context.getBean("attachmentEventStream", SmartLifecycle.class);
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, JAVASCRIPT)) {
			browser.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			String task = browser.createTask("Ride to work", "", null);
			browser.markPage();

			events.stop();
			try {
				browser.uploadImage(task, TestImages.darknetDir().resolve("dog.jpg"));
				awaitStatus(jdbc, task, "LABELED");
				assertThat(browser.task(task).findElements(By.className("label-badge")))
					.as("no event told the page").isEmpty();
			}
			finally {
				events.stop();
				events.start();
			}

			assertThat(browser.awaitLabels(task, "Bicycle")).contains("Dog");
			assertThat(browser.samePage()).isTrue();
			assertThat(browser.consoleErrors()).allSatisfy(error -> assertThat(error).contains("/events"));
		}
	}

	private static void awaitStatus(JdbcClient jdbc, String taskId, String status) {
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
				jdbc.sql("SELECT status FROM attachments WHERE task_id = ?").param(taskId).query(String.class).list())
			.as("the statuses of the task's images").containsExactly(status));
	}

	private List<Path> filesOf(String taskId) {
		return StoredFiles.ofTask(dataDir, taskId);
	}

	private List<Path> originalsOf(String taskId) {
		return StoredFiles.originalsOf(dataDir, taskId);
	}

	/** Files go right after a delete commits, on the sweeper's thread; a moment later at most. */
	private void awaitFiles(String taskId, int count) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(filesOf(taskId)).hasSize(count));
	}
}
