package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import app.tasklens.web.api.ApiIntegrationTest;

/**
 * The README's screenshots, rendered by the build: a signed-in user's tasks with two labeled photos from the
 * committed everyday set (public domain and CC0, see {@code eval/everyday/photos.tsv}), at desktop and phone
 * size. Every run writes them to {@code target/screenshots}; with {@code -Dtasklens.readme-screenshots=DIR}
 * also to DIR, which is how {@code docs/screenshots} is made:
 * {@code ./mvnw test -Dtest=ReadmeScreenshotsBrowserTest -Dtasklens.readme-screenshots=docs/screenshots}.
 */
@ApiIntegrationTest
class ReadmeScreenshotsBrowserTest {

	private static final Path PHOTOS = Path.of("eval", "everyday", "images");

	@LocalServerPort
	int port;

	@Test
	void tasksWithLabeledPhotosAtDesktopAndPhoneSize() throws IOException {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, true)) {
			browser.resize(1280, 900);
			browser.signUp("ada", SignedInUser.PASSWORD);
			browser.createTask("Renew the library card", "", LocalDate.now().minusDays(2));
			String trip = browser.createTask("Weekend in Berlin", "Cathedral at ten, then the market",
					LocalDate.now().plusDays(3));
			browser.uploadImage(trip, PHOTOS.resolve("berlin-cathedral.jpg"));
			browser.awaitLabels(trip, "Building");
			String farm = browser.createTask("Farm visit with the kids", "Bring boots", LocalDate.now());
			browser.uploadImage(farm, PHOTOS.resolve("cow.jpg"));
			browser.awaitLabels(farm, "Cow");
			browser.open("/"); // as the user comes back to it: "Add task" folded into one row

			browser.awaitLabels(farm, "Cow");
			save(browser.screenshot("readme-tasks-desktop"));
			browser.resize(390, 844);
			browser.open("/");
			browser.awaitLabels(farm, "Cow");
			assertThat(browser.horizontalOverflow()).as("the phone page does not scroll sideways").isZero();
			browser.scrollTo(farm);
			save(browser.screenshot("readme-tasks-phone"));
			assertThat(browser.consoleErrors()).isEmpty();
		}
	}

	private static void save(Path screenshot) throws IOException {
		String folder = System.getProperty("tasklens.readme-screenshots", "");
		if (!folder.isBlank()) {
			Path target = Path.of(folder).resolve(screenshot.getFileName().toString().replace("readme-", ""));
			Files.createDirectories(target.getParent());
			Files.copy(screenshot, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}
}
