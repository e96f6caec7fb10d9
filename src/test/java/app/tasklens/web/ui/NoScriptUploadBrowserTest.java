package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiIntegrationTest;

/**
 * Attaching images in real Chromium with JavaScript off: the task's plain form sends the file, the real
 * labeler labels it, and a reload shows the labels; a file that is too large, not an image, or an image in
 * name only, is refused with a readable message and leaves no row and no file. With JavaScript the form
 * gives way to the picker and drop target.
 */
@ApiIntegrationTest
@TestPropertySource(properties = "tasklens.attachments.max-size=1MB")
class NoScriptUploadBrowserTest {

	@LocalServerPort
	int port;

	@Value("${tasklens.data-dir}")
	Path dataDir;

	@Autowired
	JdbcClient jdbc;

	@Test
	void withoutJavaScriptTheFormAttachesAnImageAndALaterPageShowsItsLabels() {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, false)) {
			browser.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			String task = browser.createTask("Walk the dog", "", null);
			assertThat(browser.driver().findElement(By.className("attach-control")).isDisplayed()).isFalse();

			assertThat(browser.attachWithForm(task, TestImages.darknetDir().resolve("dog.jpg")))
				.isEqualTo("dog.jpg is attached; its labels follow.");
			browser.reloadUntilLabeled(task, "Dog");
			assertThat(originalsOf(task)).hasSize(1);
			browser.scrollTo(task);
			browser.screenshot("no-js-upload-labeled");
		}
	}

	@Test
	void withoutJavaScriptARefusedFileSaysWhyAndLeavesNothing(@org.junit.jupiter.api.io.TempDir Path files)
			throws IOException {
		Path large = files.resolve("large.jpg");
		byte[] dog = TestImages.darknet("dog.jpg");
		byte[] padded = new byte[1_500_000];
		System.arraycopy(dog, 0, padded, 0, dog.length);
		Files.write(large, padded);
		Path notes = Files.writeString(files.resolve("notes.txt"), "not a picture");
		Path fake = Files.writeString(files.resolve("fake.jpg"), "not a picture either");
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, false)) {
			browser.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			String task = browser.createTask("Paperwork", "", null);

			assertThat(browser.attachWithForm(task, large))
				.isEqualTo("The image was not attached: it is larger than 1 MB, the most an image may have.");
			assertThat(browser.path()).isEqualTo("/#task-" + task);

			assertThat(browser.attachWithForm(task, notes))
				.isEqualTo("notes.txt was not attached: Only JPEG, PNG and WebP images can be attached, not text/plain.");

			assertThat(browser.attachWithForm(task, fake)).isEqualTo("fake.jpg was not attached: The file is not a JPEG, PNG or WebP image.");
			browser.scrollTo(task);
			browser.screenshot("no-js-upload-refused");

			assertThat(browser.imageIds(task)).isEmpty();
			assertThat(jdbc.sql("SELECT count(*) FROM attachments WHERE task_id = ?").param(task).query(Integer.class)
				.single()).as("attachment rows").isZero();
			assertThat(filesOf(task)).isEmpty();
		}
	}

	@Test
	void withJavaScriptThePickerReplacesTheForm() {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, true)) {
			browser.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			String task = browser.createTask("Walk the dog", "", null);
			assertThat(browser.task(task).findElement(By.className("attach-control")).isDisplayed()).isTrue();
			assertThat(browser.task(task).findElement(By.className("attach-form")).isDisplayed()).isFalse();
		}
	}

	private List<Path> filesOf(String taskId) {
		return StoredFiles.ofTask(dataDir, taskId);
	}

	private List<Path> originalsOf(String taskId) {
		return StoredFiles.originalsOf(dataDir, taskId);
	}
}
