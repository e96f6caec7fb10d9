package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import app.tasklens.TasklensProcess;
import app.tasklens.TestImages;
import app.tasklens.web.api.ApiIntegrationTest;

/**
 * Issue 12's story of a new user, in real Chromium at a desktop's width (1280 px) and a phone's (390 px),
 * against Tasklens as its own process with the real models: the usage of {@code --help} (1), the start-up
 * line (2), a first task refused with every field error at once and what was typed kept (11), the compact
 * "Add task" row (7), the due order's groups (8), images attached with JavaScript and without (10), labels
 * that filter the list and keep the user at the results (7), another tab following new, completed and deleted
 * tasks (13), the viewer's captions apart, "— N found" and Previous/Next (14), and All images (9). Each step
 * writes {@code target/screenshots/story-<width>-<step>.png}.
 */
class FirstRunStoryBrowserTest {

	private static final String PASSWORD = SignedInUser.PASSWORD;
	private static final Path DARKNET = TestImages.darknetDir();

	private static Path dataDir;
	private static TasklensProcess server;

	@BeforeAll
	static void tasklensAsAUserStartsIt() throws IOException {
		BrowserSession.assumeChromium();
		dataDir = ApiIntegrationTest.FreshDataDir.newDataDir();
		server = TasklensProcess.start(dataDir, "story", TasklensProcess.launcherJvmOptions(dataDir));
	}

	@AfterAll
	static void stop() throws Exception {
		if (server != null) {
			server.close();
		}
	}

	@ParameterizedTest(name = "at {0} px")
	@ValueSource(ints = { 1280, 390 })
	void aNewUsersFirstDay(int width) throws Exception {
		helpPrintsUsageAndStartsNoServer();
		theStartUpLineSaysWhereToGoAndThatTheModelsAreReady();

		String username = SignedInUser.freshUsername();
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + server.port(), true)) {
			browser.resize(width, width < 600 ? 844 : 900);
			browser.signUp(username, PASSWORD);
			String shot = "story-" + width + "-";
			assertThat(browser.horizontalOverflow()).isZero();

			// 11: every field at fault at once, what was typed kept
			browser.submitNewTask("   ", "Around the park", LocalDate.of(1800, 1, 1));
			browser.waiting().until(driver -> driver.findElement(By.id("new-title-error")).isDisplayed());
			assertThat(browser.driver().findElement(By.id("new-title-error")).getText()).isEqualTo("A title is required.");
			assertThat(browser.driver().findElement(By.id("new-due-error")).getText())
				.isEqualTo("The due date must be in the years 1900 to 9999.");
			assertThat(browser.driver().findElement(By.id("new-body")).getDomProperty("value")).isEqualTo("Around the park");
			browser.screenshot(shot + "01-every-field-error");
			assertThat(browser.consoleErrors()).as("only the refusal itself, 422, which Chromium logs")
				.allMatch(error -> error.contains("/tasks - Failed to load resource") && error.contains("422"));

			// 7 and 8: tasks with due dates, a compact "Add task" row, the due order's groups
			LocalDate today = LocalDate.now();
			String walk = browser.createTaskAnywhere("Walk the dog", "Around the park", today);
			browser.createTaskAnywhere("Pay the rent", "", today.minusDays(2));
			String ride = browser.createTaskAnywhere("Riding lesson", "", today.plusDays(3));
			browser.createTaskAnywhere("Read a book", "", null);
			browser.open("/");
			Map<String, Long> addTask = browser.box(By.id("new-task"));
			assertThat(addTask.get("height")).as("Add task is one row once there are tasks").isLessThan(64);
			assertThat(browser.box(By.id("task-list")).get("top")).as("the list starts on the first screen")
				.isLessThan(browser.box(By.id("task-list")).get("window") - 100);
			browser.screenshot(shot + "02-add-task-row");
			browser.choose("sort", "By due date");
			browser.waiting().until(driver -> browser.groupHeadings().equals(List.of("Overdue", "Today", "Upcoming", "No date")));
			browser.screenshot(shot + "03-by-due-date");
			browser.open("/");

			// 10 with JavaScript: the picker uploads, labels come live
			browser.uploadImage(walk, DARKNET.resolve("dog.jpg"));
			browser.awaitLabels(walk, "Dog");

			// 10 without JavaScript: the plain multipart form, labels after a reload
			try (BrowserSession noScript = BrowserSession.open("http://localhost:" + server.port(), false)) {
				noScript.resize(width, width < 600 ? 844 : 900);
				noScript.signIn(username, PASSWORD);
				assertThat(noScript.attachWithForm(ride, DARKNET.resolve("horses.jpg")))
					.isEqualTo("horses.jpg is attached; its labels follow.");
				noScript.reloadUntilLabeled(ride, "Horse");
				noScript.scrollTo(ride);
				noScript.screenshot(shot + "04-no-js-upload");
			}
			browser.waiting().until(driver -> browser.imageIds(ride).size() == 1);
			browser.uploadImage(walk, DARKNET.resolve("horses.jpg"));
			browser.waiting().until(driver -> browser.imageIds(walk).size() == 2);
			browser.awaitLabels(walk, "Horse");

			// 7: a label filters the list, and the page opens at the results
			browser.waiting().until(driver -> {
				driver.findElement(By.cssSelector("#task-" + ride + " .label-badge")).click();
				return true;
			});
			browser.waiting().until(driver -> browser.path().contains("label=Horse"));
			assertThat(browser.path()).endsWith("#tasks");
			browser.waiting().until(driver -> browser.taskIds().size() == 2);
			Map<String, Long> results = browser.box(By.id("tasks"));
			assertThat(results.get("top")).as("at the results, not the top of the page: %s", results)
				.isBetween(-2L, results.get("window") / 2);
			browser.screenshot(shot + "05-label-filter");

			// 14: the viewer, captions apart, "— N found", Previous and Next through the task's images
			browser.open("/");
			browser.waiting().until(driver -> {
				driver.findElements(By.cssSelector("#task-" + walk + " a.attachment-thumb")).get(1).click();
				return true;
			});
			browser.waiting().until(driver -> driver.findElement(By.cssSelector("#image-dialog[open] .viewer img")).isDisplayed());
			assertThat(browser.viewerPosition()).endsWith("Image 2 of 2 in this task");
			assertThat(overlappingCaptions(browser)).as("no two captions overlap").isZero();
			assertThat(browser.driver().findElement(By.cssSelector("#image-dialog[open] .label-found")).getText())
				.matches("— \\d+ found, (its box|boxes) .*");
			browser.screenshot(shot + "06-viewer");
			browser.press(Keys.ARROW_LEFT);
			browser.waiting().until(driver -> browser.viewerPosition().endsWith("Image 1 of 2 in this task"));
			browser.closeImageWithEscape();

			// 13: another tab follows new, completed and deleted tasks
			String listTab = browser.driver().getWindowHandle();
			String otherTab = browser.openTab("/");
			browser.showTab(listTab);
			String call = browser.createTaskAnywhere("Call grandma", "", null);
			browser.showTab(otherTab);
			browser.waiting().until(driver -> browser.taskIds().contains(call));
			browser.showTab(listTab);
			browser.toggleDone(call);
			browser.showTab(otherTab);
			browser.waiting().until(driver -> browser.isDone(call));
			browser.screenshot(shot + "07-other-tab-done");
			browser.showTab(listTab);
			browser.deleteTask(call);
			browser.showTab(otherTab);
			browser.waiting().until(driver -> !browser.taskIds().contains(call));

			// 9: All images, filtered, the viewer through the gallery, each card to its task
			browser.driver().findElement(By.id("nav-images")).click();
			browser.waiting().until(driver -> browser.galleryImageIds().size() == 3);
			browser.screenshot(shot + "08-all-images");
			browser.filterByLabel("horse");
			browser.waiting().until(driver -> browser.galleryImageIds().size() == 2);
			String newest = browser.galleryImageIds().get(0);
			browser.openGalleryImage(newest);
			assertThat(browser.viewerPosition()).isEqualTo(newest + ": Image 1 of 2 in the images found");
			browser.press(Keys.ARROW_RIGHT);
			browser.waiting().until(driver -> browser.viewerPosition().endsWith("Image 2 of 2 in the images found"));
			browser.screenshot(shot + "09-gallery-viewer");
			browser.closeImageWithEscape();
			browser.waiting().until(driver -> {
				driver.findElement(By.cssSelector("#attachment-" + newest + " .gallery-task-link")).click();
				return true;
			});
			browser.waiting().until(driver -> browser.path().startsWith("/#task-"));
			assertThat(browser.horizontalOverflow()).isZero();
			assertThat(browser.consoleErrors()).isEmpty();
		}
	}

	/** 1: {@code --help} prints the usage and exits, from the main class the launcher's jar runs. */
	private static void helpPrintsUsageAndStartsNoServer() throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		ProcessBuilder builder = new ProcessBuilder(java, "app.tasklens.TasklensApplication", "--help")
			.directory(dataDir.toFile())
			.redirectErrorStream(true);
		// The class path in the environment: a long command line makes trouble (see TasklensProcess).
		builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
		Process help = builder.start();
		String output = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(help.waitFor(120, TimeUnit.SECONDS)).as("exits by itself").isTrue();
		assertThat(help.exitValue()).isZero();
		assertThat(output).contains("  serve ", "  label ", "--port N", "--data-dir DIR", "--models-dir DIR")
			.doesNotContain("Tomcat started");
	}

	/** 2: one line with the address, the data and models folders (absolute) and that the models are ready. */
	private static void theStartUpLineSaysWhereToGoAndThatTheModelsAreReady() {
		assertThat(server.log()).contains("Tasklens is ready at http://localhost:" + server.port() + "/ | data folder "
				+ dataDir.toAbsolutePath() + " | models folder " + Path.of(System.getProperty("tasklens.test.models-dir"))
					.toAbsolutePath().normalize() + ": models ready");
	}

	/** Pairs of box captions drawn on the opened image whose rectangles overlap. */
	private static long overlappingCaptions(BrowserSession browser) {
		return ((Number) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("""
				const rects = [...document.querySelectorAll('#image-dialog[open] .viewer-boxes text')]
				    .map(text => text.getBoundingClientRect());
				let overlapping = 0;
				for (let i = 0; i < rects.length; i++) {
				  for (let j = i + 1; j < rects.length; j++) {
				    const a = rects[i], b = rects[j];
				    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) { overlapping++; }
				  }
				}
				return overlapping;""")).longValue();
	}
}
