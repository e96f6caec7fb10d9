package app.tasklens.web.ui;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import app.tasklens.Ids;

/**
 * A user at Debian's Chromium (headless), driving the Tasklens pages the way a person would: fill in, click,
 * wait for what the page shows. Works with JavaScript on (htmx swaps parts of the page) and off (every
 * action is a form post and a new page), so the same story runs both ways.
 *
 * <p>The browser and its driver are the system's ({@code apt-get install chromium chromium-driver}); the
 * explicit driver path means Selenium Manager is never asked to find or download anything.
 */
public final class BrowserSession implements AutoCloseable {

	public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
	public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
	/** Long enough for a slow shared CI machine; a passing step takes milliseconds. */
	private static final Duration PATIENCE = Duration.ofSeconds(15);
	/** Labels take longer: the first detection after start loads the models, on a machine shared with others. */
	private static final Duration LABELING_PATIENCE = Duration.ofSeconds(90);

	private final ChromeDriver driver;
	private final String baseUrl;
	private final boolean javascript;
	private final Path profile;
	private final WebDriverWait wait;
	private String lastDialog;

	private BrowserSession(ChromeDriver driver, String baseUrl, boolean javascript, Path profile) {
		this.driver = driver;
		this.baseUrl = baseUrl;
		this.javascript = javascript;
		this.profile = profile;
		this.wait = new WebDriverWait(driver, PATIENCE);
		// A live update may swap an element between finding and reading it: look again.
		this.wait.ignoring(StaleElementReferenceException.class);
		wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
	}

	/** Skips the calling test, saying why, when Chromium is not installed (CI installs it). */
	public static void assumeChromium() {
		assumeTrue(Files.isExecutable(CHROMIUM),
				"browser test skipped: " + CHROMIUM + " is missing (apt-get install -y chromium chromium-driver)");
	}

	/**
	 * A fresh browser with a profile of its own under {@code target/}, pointed at {@code baseUrl}. Skips the
	 * calling test when Chromium is not installed.
	 */
	public static BrowserSession open(String baseUrl, boolean javascript) {
		assumeChromium();
		Path profile = Path.of("target", "test-tmp", "chromium-" + Ids.random()).toAbsolutePath();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=en-US");
		if (!javascript) {
			options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
		}
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		// Dialogs stay open until a step accepts them, so a step can read what they asked.
		options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new BrowserSession(new ChromeDriver(service, options), baseUrl, javascript, profile);
	}

	public WebDriver driver() {
		return driver;
	}

	public boolean javascript() {
		return javascript;
	}

	public void open(String path) {
		driver.get(baseUrl + path);
	}

	public String path() {
		return driver.getCurrentUrl().substring(baseUrl.length());
	}

	/** Creates an account on the sign-up page, which signs the new user in. */
	public void signUp(String username, String password) {
		submitAccountForm("/signup", username, password);
	}

	/** The same through another address of the sign-up page, such as an invite link's. */
	public void signUpAt(String path, String username, String password) {
		submitAccountForm(path, username, password);
	}

	public void signIn(String username, String password) {
		submitAccountForm("/login", username, password);
	}

	/** Opens the "Add task" row into its form, as a person clicks it, unless it is open already. */
	public void openAddTask() {
		if (driver.findElement(By.id("new-task")).getDomAttribute("open") == null) {
			driver.findElement(By.id("new-task-summary")).click();
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-title")));
		}
	}

	/** Opens "Add task", fills in the form and submits it; returns the new task's id once it is on top of the list. */
	public String createTask(String title, String body, LocalDate due) {
		fillInNewTask(title, body, due);
		String id = wait.until(driver -> {
			WebElement top = driver.findElement(By.cssSelector("#task-list > li.task"));
			return top.findElement(By.className("task-title")).getText().equals(title) ? top.getDomAttribute("id") : null;
		});
		return id.substring("task-".length());
	}

	/** Opens "Add task", fills in the form and submits it; returns the new task's id once the list shows it. */
	public String createTaskAnywhere(String title, String body, LocalDate due) {
		fillInNewTask(title, body, due);
		String created;
		try {
			created = wait.until(driver -> driver.findElements(By.cssSelector("#task-list > li.task")).stream()
				.filter(item -> item.findElement(By.className("task-title")).getText().equals(title))
				.map(item -> item.getDomAttribute("id"))
				.findFirst()
				.orElse(null));
		}
		catch (TimeoutException ex) {
			throw new AssertionError("“" + title + "” is not in the list; console " + consoleErrors() + ", page:\n"
					+ driver.findElement(By.id("main")).getDomProperty("outerHTML"), ex);
		}
		return created.substring("task-".length());
	}

	/** Opens "Add task", fills in the form and submits it, waiting for nothing (a refused form stays). */
	public void submitNewTask(String title, String body, LocalDate due) {
		fillInNewTask(title, body, due);
	}

	private void fillInNewTask(String title, String body, LocalDate due) {
		openAddTask();
		type(By.id("new-title"), title);
		type(By.id("new-body"), body);
		typeDate(By.id("new-due"), due);
		driver.findElement(By.id("create-submit")).click();
	}

	/** Opens the task's edit form (in place with JavaScript, on a page of its own without), changes, saves. */
	public void editTask(String id, String title, String body, LocalDate due) {
		driver.findElement(By.id("edit-" + id)).click();
		String prefix = "edit-" + id;
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(prefix + "-title")));
		type(By.id(prefix + "-title"), title);
		type(By.id(prefix + "-body"), body);
		typeDate(By.id(prefix + "-due"), due);
		driver.findElement(By.cssSelector("#task-" + id + " button[type=submit]")).click();
		wait.until(driver -> !classes(id).contains("is-editing") && title(id).equals(title));
	}

	/** Clicks the task's done toggle and waits until the task shows the new state. */
	public void toggleDone(String id) {
		boolean wasDone = isDone(id);
		task(id).findElement(By.cssSelector(".task-check button")).click();
		wait.until(driver -> isDone(id) != wasDone);
	}

	/**
	 * Deletes the task and confirms: in the browser's dialog with JavaScript (its text is kept, see
	 * {@link #lastDialog()}), on the confirmation page without.
	 */
	public void deleteTask(String id) {
		task(id).findElement(By.cssSelector(".task-actions button")).click();
		if (javascript) {
			var dialog = wait.until(ExpectedConditions.alertIsPresent());
			lastDialog = dialog.getText();
			dialog.accept();
		}
		else {
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Delete this task?"));
			driver.findElement(By.cssSelector("form button.danger")).click();
		}
		wait.until(driver -> driver.findElements(By.id("task-" + id)).isEmpty()
				&& driver.findElement(By.tagName("h1")).getText().equals("My Tasks"));
	}

	public WebElement task(String id) {
		return driver.findElement(By.id("task-" + id));
	}

	/** Whether this page has fetched a URL whose path is {@code path} (any query), by the browser's resource timing. */
	public boolean fetched(String path) {
		Object found = driver.executeScript(
				"var path = arguments[0]; return performance.getEntriesByType('resource').some(function (e) {"
						+ " return new URL(e.name).pathname === path; });", path);
		return Boolean.TRUE.equals(found);
	}

	public List<String> taskIds() {
		return driver.findElements(By.cssSelector("#task-list > li.task")).stream()
			.map(item -> item.getDomAttribute("id").substring("task-".length()))
			.toList();
	}

	public String title(String id) {
		return task(id).findElement(By.className("task-title")).getText();
	}

	/** The task's visible text: title, notes, dates, badges. */
	public String text(String id) {
		return task(id).findElement(By.className("task-content")).getText();
	}

	public boolean isDone(String id) {
		return classes(id).contains("is-done");
	}

	public boolean isOverdue(String id) {
		return !task(id).findElements(By.cssSelector(".due.overdue")).isEmpty();
	}

	/** The text of the page's live message region, once it says something. */
	public String message() {
		return wait.until(driver -> {
			String text = driver.findElement(By.id("messages")).getText().strip();
			return text.isEmpty() ? null : text;
		});
	}

	/** Waits until the message region says exactly {@code text} (an earlier message may still be showing). */
	public void awaitMessage(String text) {
		wait.until(ExpectedConditions.textToBe(By.id("messages"), text));
	}

	/**
	 * What the page logged as errors since the last call: script errors, failed requests and
	 * Content-Security-Policy violations (an inline script or style the policy blocked).
	 */
	public List<String> consoleErrors() {
		return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
			.filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

	/** The element that has keyboard focus. */
	public WebElement focused() {
		return driver.switchTo().activeElement();
	}

	/** Whether the "no tasks" note is what the list shows. */
	public boolean showsEmptyState() {
		return driver.findElement(By.className("empty-state")).isDisplayed();
	}

	/** The text of the last confirmation dialog accepted by {@link #deleteTask} or {@link #deleteImage}. */
	public String lastDialog() {
		return lastDialog;
	}

	/** Remembers the page now shown, so that {@link #samePage()} can tell whether the browser loaded another. */
	public void markPage() {
		driver.executeScript("window.tasklensPageMark = 'marked';");
	}

	/** Whether the page marked by {@link #markPage()} is still the one shown: nothing reloaded or navigated. */
	public boolean samePage() {
		return "marked".equals(driver.executeScript("return window.tasklensPageMark || null;"));
	}

	/**
	 * Chooses {@code image} in the task's file picker, which uploads it. From now on the page's image
	 * statuses are recorded as they show, see {@link #seenImageStatuses()}.
	 */
	public void uploadImage(String taskId, Path image) {
		watchImageStatuses();
		driver.findElement(By.id("attach-" + taskId)).sendKeys(image.toAbsolutePath().toString());
	}

	/** Drops a file on the task as if dragged there from the desktop. */
	public void dropFile(String taskId, String name, String type, byte[] bytes) {
		watchImageStatuses();
		driver.executeScript("""
				const bytes = Uint8Array.from(atob(arguments[1]), c => c.charCodeAt(0));
				const files = new DataTransfer();
				files.items.add(new File([bytes], arguments[2], { type: arguments[3] }));
				const task = document.getElementById('task-' + arguments[0]);
				for (const name of ['dragenter', 'dragover', 'drop']) {
				  task.querySelector('.task-content').dispatchEvent(
				      new DragEvent(name, { bubbles: true, cancelable: true, dataTransfer: files }));
				}""", taskId, Base64.getEncoder().encodeToString(bytes), name, type);
	}

	/**
	 * Every image status text ("Uploading…", "Detecting labels…") the page has shown since the first upload,
	 * once each. A status may show for only a few milliseconds, less than a poll would catch, so the page
	 * records them itself as they appear.
	 */
	@SuppressWarnings("unchecked")
	public List<String> seenImageStatuses() {
		return (List<String>) driver.executeScript("return window.tasklensSeenStatuses || [];");
	}

	private void watchImageStatuses() {
		driver.executeScript("""
				if (window.tasklensSeenStatuses) { return; }
				window.tasklensSeenStatuses = [];
				const record = () => document.querySelectorAll('.attachment-status').forEach(status => {
				  const text = status.textContent.trim();
				  if (text && status.checkVisibility() && !window.tasklensSeenStatuses.includes(text)) {
				    window.tasklensSeenStatuses.push(text);
				  }
				});
				new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });""");
	}

	/**
	 * Waits until one of the task's images shows all of {@code names} among its label badges; returns that
	 * image's badges.
	 */
	public List<String> awaitLabels(String taskId, String... names) {
		try {
			return labels(taskId, names);
		}
		catch (TimeoutException ex) {
			throw new AssertionError("no image of the task shows " + Arrays.toString(names) + " after "
					+ LABELING_PATIENCE + "; statuses seen " + seenImageStatuses() + ", console " + consoleErrors()
					+ ", images:\n" + task(taskId).findElement(By.className("attachments")).getDomProperty("outerHTML"),
					ex);
		}
	}

	private List<String> labels(String taskId, String... names) {
		return new WebDriverWait(driver, LABELING_PATIENCE).ignoring(StaleElementReferenceException.class)
			.until(driver -> task(taskId).findElements(By.cssSelector(".attachment.is-labeled, .attachment.is-failed"))
				.stream()
				.map(card -> {
					List<String> failed = card.findElements(By.className("attachment-error"))
						.stream()
						.map(WebElement::getText)
						.toList();
					if (!failed.isEmpty()) {
						throw new AssertionError("labeling failed: " + failed);
					}
					return card.findElements(By.cssSelector(".label-badges .label-name"))
						.stream()
						.map(WebElement::getText)
						.toList();
				})
				.filter(badges -> badges.containsAll(Arrays.asList(names)))
				.findFirst()
				.orElse(null));
	}

	/**
	 * Attaches {@code file} with the task's plain form, as a page without JavaScript does, and returns the
	 * message the page after the redirect shows.
	 */
	public String attachWithForm(String taskId, Path file) {
		driver.findElement(By.id("attach-form-" + taskId)).sendKeys(file.toAbsolutePath().toString());
		driver.findElement(By.cssSelector("#task-" + taskId + " .attach-form button[type=submit]")).click();
		try {
			return message();
		}
		catch (TimeoutException ex) {
			throw new AssertionError("no message after attaching " + file.getFileName() + "; at " + path() + ":\n"
					+ driver.getPageSource(), ex);
		}
	}

	/** Reloads the page, as a user without live updates does, until one of the task's images shows {@code label}. */
	public void reloadUntilLabeled(String taskId, String label) {
		new WebDriverWait(driver, LABELING_PATIENCE).pollingEvery(Duration.ofSeconds(1))
			.ignoring(StaleElementReferenceException.class)
			.ignoring(NoSuchElementException.class)
			.until(driver -> {
				driver.navigate().refresh();
				return task(taskId).findElements(By.cssSelector(".attachment.is-labeled .label-name"))
					.stream()
					.anyMatch(badge -> badge.getText().equals(label));
			});
	}

	/** The ids of the images the task shows, oldest first (uploads still being sent have none yet). */
	public List<String> imageIds(String taskId) {
		return task(taskId).findElements(By.cssSelector(".attachment[id^=attachment-]")).stream()
			.map(card -> card.getDomAttribute("id").substring("attachment-".length()))
			.toList();
	}

	/**
	 * Waits for the task to show an upload that was refused, and returns why as a screen reader reads it:
	 * the file's name (shown above the message, so hidden in it), then the reason.
	 */
	public String awaitUploadError(String taskId) {
		return wait.until(driver -> task(taskId).findElements(By.cssSelector(".attachment-error[role=alert]"))
			.stream()
			.map(error -> error.getDomProperty("textContent"))
			.filter(text -> !text.isBlank())
			.findFirst()
			.orElse(null));
	}

	/** Deletes one image of the task with its × button, confirming in the browser's dialog (text kept). */
	public void deleteImage(String taskId, String imageId) {
		driver.findElement(By.cssSelector("#attachment-" + imageId + " .attachment-delete button")).click();
		var dialog = wait.until(ExpectedConditions.alertIsPresent());
		lastDialog = dialog.getText();
		dialog.accept();
		wait.until(driver -> !imageIds(taskId).contains(imageId));
	}

	/** What the task's live region last told screen readers about its images ("dog.jpg: labels Dog, …"). */
	public String imageNews(String taskId) {
		return task(taskId).findElement(By.className("images-live")).getDomProperty("textContent");
	}

	/** Clicks the task's first thumbnail and waits for the image to open in the dialog. */
	public void openImage(String taskId) {
		task(taskId).findElement(By.cssSelector("a.attachment-thumb")).click();
		wait.until(driver -> driver.findElement(By.cssSelector("#image-dialog[open] .viewer img")).isDisplayed());
	}

	/** The ids of the images All images shows, top to bottom; read inside a wait, as live updates swap them. */
	public List<String> galleryImageIds() {
		return wait.until(driver -> driver.findElements(By.cssSelector("#gallery-list > li.attachment")).stream()
			.map(card -> card.getDomAttribute("id").substring("attachment-".length()))
			.toList());
	}

	/** Clicks the thumbnail of this image in All images and waits for it to open in the dialog. */
	public void openGalleryImage(String imageId) {
		wait.until(driver -> {
			driver.findElement(By.cssSelector("#attachment-" + imageId + " a.attachment-thumb")).click();
			return true;
		});
		wait.until(driver -> driver.findElement(By.cssSelector("#image-dialog[open] .viewer[data-attachment='" + imageId
				+ "'] img")).isDisplayed());
	}

	/** What the open viewer says of its place ("Image 2 of 3 in all your images") and which image it shows. */
	public String viewerPosition() {
		return wait.until(driver -> {
			WebElement viewer = driver.findElement(By.cssSelector("#image-dialog[open] .viewer"));
			return viewer.getDomAttribute("data-attachment") + ": "
					+ viewer.findElement(By.className("viewer-position")).getText();
		});
	}

	/** The captions of the boxes drawn on the opened image ("Dog 97%"). */
	public List<String> imageBoxCaptions() {
		return driver.findElements(By.cssSelector("#image-dialog[open] .viewer-boxes text")).stream()
			.map(caption -> caption.getDomProperty("textContent"))
			.toList();
	}

	/** Whether the opened image's boxes lie over the picture, each inside it. */
	public boolean boxesLieOnTheImage() {
		return Boolean.TRUE.equals(driver.executeScript("""
				const viewer = document.querySelector('#image-dialog[open] .viewer');
				const image = viewer.querySelector('.viewer-image').getBoundingClientRect();
				const rects = [...viewer.querySelectorAll('.viewer-boxes rect')].map(r => r.getBoundingClientRect());
				return rects.length > 0 && rects.every(r => r.width > 0 && r.height > 0
				    && r.left >= image.left - 1 && r.right <= image.right + 1
				    && r.top >= image.top - 1 && r.bottom <= image.bottom + 1);"""));
	}

	/** Presses Escape, as a keyboard user closes the image, and waits until it is closed. */
	public void closeImageWithEscape() {
		new Actions(driver).sendKeys(Keys.ESCAPE).perform();
		wait.until(driver -> driver.findElements(By.cssSelector("#image-dialog[open]")).isEmpty());
	}

	/** Types a label into the filter next to search and waits for the list to show what matches. */
	public void filterByLabel(String label) {
		type(By.id("label"), label);
		wait.until(driver -> path().contains("label=" + label));
	}

	/** The due order's group headings the list shows, top to bottom ("Overdue", "Today"…). */
	public List<String> groupHeadings() {
		return driver.findElements(By.cssSelector("#task-list .task-group-heading")).stream()
			.map(heading -> heading.getDomProperty("textContent").strip())
			.toList();
	}

	/** Picks an option of a filter's select by its text; with JavaScript the list follows at once. */
	public void choose(String selectId, String option) {
		new org.openqa.selenium.support.ui.Select(driver.findElement(By.id(selectId))).selectByVisibleText(option);
	}

	/** Presses Apply, as a user without JavaScript applies the filters. */
	public void applyFilters() {
		driver.findElement(By.cssSelector("#filters .apply-filters")).click();
	}

	/**
	 * The element's box in the window in CSS pixels (top, height, left, right) and the window's inner size
	 * ({@code window}: height, {@code windowWidth}).
	 */
	public Map<String, Long> box(By element) {
		@SuppressWarnings("unchecked")
		Map<String, Object> box = (Map<String, Object>) driver.executeScript("""
				const rect = arguments[0].getBoundingClientRect();
				return { top: rect.top, height: rect.height, left: rect.left, right: rect.right,
				         window: window.innerHeight, windowWidth: document.documentElement.clientWidth };""",
				driver.findElement(element));
		Map<String, Long> rounded = new HashMap<>();
		box.forEach((name, value) -> rounded.put(name, Math.round(((Number) value).doubleValue())));
		return Map.copyOf(rounded);
	}

	/** How many CSS pixels the page is wider than the window (0 when nothing sticks out sideways). */
	public long horizontalOverflow() {
		return ((Number) driver.executeScript(
				"return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
	}

	/** Opens {@code path} in a new tab of this browser (same session) and shows it; returns the tab's handle. */
	public String openTab(String path) {
		driver.switchTo().newWindow(WindowType.TAB);
		open(path);
		return driver.getWindowHandle();
	}

	/** Shows the tab with this handle; the steps that follow act in it. */
	public void showTab(String handle) {
		driver.switchTo().window(handle);
	}

	/**
	 * From now on the page records the data of the {@code task} events the server sends its user, on a
	 * stream of its own, see {@link #recordedTaskEvents()}.
	 */
	public void recordTaskEvents() {
		driver.executeScript("""
				window.tasklensTaskEvents = [];
				const source = new EventSource('/events');
				source.addEventListener('task', event => window.tasklensTaskEvents.push(event.data));
				return new Promise(resolve => source.addEventListener('open', () => resolve(true)));""");
	}

	@SuppressWarnings("unchecked")
	public List<String> recordedTaskEvents() {
		return (List<String>) driver.executeScript("return window.tasklensTaskEvents || [];");
	}

	/** Presses a key where keyboard focus is, as a person would. */
	public void press(CharSequence key) {
		new Actions(driver).sendKeys(key).perform();
	}

	public WebDriverWait waiting() {
		return wait;
	}

	/** Scrolls the task to the middle of the window, to take a screenshot of it. */
	public void scrollTo(String taskId) {
		driver.executeScript("arguments[0].scrollIntoView({ block: 'center' });", task(taskId));
	}

	public void resize(int width, int height) {
		driver.manage().window().setSize(new Dimension(width, height));
	}

	/** Saves what the browser shows to {@code target/screenshots/<name>.png}, for looking at a failure. */
	public Path screenshot(String name) {
		try {
			Path file = Path.of("target", "screenshots", name + ".png");
			Files.createDirectories(file.getParent());
			Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			driver.quit();
		}
		finally {
			deleteProfile();
		}
	}

	private void submitAccountForm(String path, String username, String password) {
		open(path);
		type(By.id("username"), username);
		type(By.id("password"), password);
		driver.findElement(By.cssSelector("form.account-form button[type=submit]")).click();
		wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "My Tasks"));
	}

	private String classes(String id) {
		String classes = task(id).getDomAttribute("class");
		return classes == null ? "" : classes;
	}

	private void type(By field, String text) {
		WebElement input = driver.findElement(field);
		input.clear();
		input.sendKeys(text);
	}

	/** Types into an {@code <input type=date>} as a person would; with {@code --lang=en-US} it reads mm/dd/yyyy. */
	private void typeDate(By field, LocalDate date) {
		WebElement input = driver.findElement(field);
		input.clear();
		if (date != null) {
			input.sendKeys(String.format("%02d%02d%04d", date.getMonthValue(), date.getDayOfMonth(), date.getYear()));
		}
	}

	private void deleteProfile() {
		if (!Files.exists(profile)) {
			return;
		}
		try (Stream<Path> files = Files.walk(profile)) {
			files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
		}
		catch (IOException ex) {
			// The profile is build output under target/; a leftover file does no harm.
		}
	}
}
