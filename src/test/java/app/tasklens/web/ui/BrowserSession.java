package app.tasklens.web.ui;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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

	public void signIn(String username, String password) {
		submitAccountForm("/login", username, password);
	}

	/** Fills in the create form and submits it; returns the new task's id once it is on top of the list. */
	public String createTask(String title, String body, LocalDate due) {
		type(By.id("new-title"), title);
		type(By.id("new-body"), body);
		typeDate(By.id("new-due"), due);
		driver.findElement(By.id("create-submit")).click();
		WebElement first = wait.until(driver -> {
			WebElement top = driver.findElement(By.cssSelector("#task-list > li.task"));
			return top.findElement(By.className("task-title")).getText().equals(title) ? top : null;
		});
		return first.getDomAttribute("id").substring("task-".length());
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

	/** The text of the last confirmation dialog accepted by {@link #deleteTask}. */
	public String lastDialog() {
		return lastDialog;
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
