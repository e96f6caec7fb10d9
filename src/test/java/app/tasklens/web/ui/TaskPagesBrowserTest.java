package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import app.tasklens.web.api.ApiIntegrationTest;

/**
 * My Tasks in real Chromium: the whole story with JavaScript, and the forms alone without it. Each browser
 * test is skipped, saying why, where Chromium is not installed.
 */
@ApiIntegrationTest
class TaskPagesBrowserTest {

	private static final boolean JAVASCRIPT = true;
	private static final boolean NO_JAVASCRIPT = false;

	@LocalServerPort
	int port;

	@Test
	void signUpCreateEditCompleteAndDeleteWithJavaScript() {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, JAVASCRIPT)) {
			browser.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			assertThat(browser.showsEmptyState()).isTrue();
			// htmx swaps parts of this page; if any step reloaded it, this element would go stale.
			WebElement heading = browser.driver().findElement(By.tagName("h1"));

			String id = browser.createTask("Buy milk", "Two litres, organic", LocalDate.now().minusDays(1));
			browser.awaitMessage("Task created.");
			assertThatThrownBy(() -> new WebDriverWait(browser.driver(), Duration.ofMillis(1500))
				.until(driver -> browser.fetched("/tasks/" + id)))
				.as("the page's own new task is not fetched again when its event comes")
				.isInstanceOf(TimeoutException.class);
			assertThat(browser.text(id)).contains("Buy milk").contains("Two litres, organic").contains("Created");
			assertThat(browser.isOverdue(id)).isTrue();
			assertThat(browser.showsEmptyState()).isFalse();
			browser.screenshot("tasks-js-created");

			browser.editTask(id, "Buy oat milk", "One litre", LocalDate.now().plusDays(3));
			browser.awaitMessage("Task saved.");
			assertThat(browser.text(id)).contains("Buy oat milk").contains("One litre").doesNotContain("Two litres");
			assertThat(browser.isOverdue(id)).isFalse();
			assertThat(browser.focused().getDomAttribute("id")).as("focus stays on the task").isEqualTo("done-" + id);

			browser.toggleDone(id);
			browser.awaitMessage("Task completed.");
			assertThat(browser.isDone(id)).isTrue();
			assertThat(browser.text(id)).contains("Done");

			browser.deleteTask(id);
			assertThat(browser.lastDialog()).isEqualTo("Delete “Buy oat milk”? This cannot be undone.");
			browser.awaitMessage("Task deleted.");
			assertThat(browser.taskIds()).isEmpty();
			assertThat(browser.showsEmptyState()).isTrue();
			assertThat(browser.focused().getDomAttribute("id")).as("focus is not lost").isEqualTo("tasks-heading");

			assertThat(heading.getText()).as("the page was never reloaded").isEqualTo("My Tasks");
			assertThat(browser.consoleErrors()).as("no script errors, no blocked inline script or style").isEmpty();
		}
	}

	@Test
	void createEditAndDeleteWithoutJavaScript() {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, NO_JAVASCRIPT)) {
			browser.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);

			String id = browser.createTask("Water the plants", "Balcony first", LocalDate.now().plusDays(1));
			assertThat(browser.path()).as("a post, then a redirect back to the list").isEqualTo("/#task-" + id);
			assertThat(browser.message()).isEqualTo("Task created.");
			assertThat(browser.text(id)).contains("Water the plants").contains("Balcony first");

			browser.editTask(id, "Water all plants", "Kitchen too", null);
			assertThat(browser.message()).isEqualTo("Task saved.");
			assertThat(browser.text(id)).contains("Water all plants").contains("Kitchen too").doesNotContain("Due");

			browser.toggleDone(id);
			assertThat(browser.message()).isEqualTo("Task completed.");
			assertThat(browser.isDone(id)).isTrue();

			browser.deleteTask(id);
			assertThat(browser.message()).isEqualTo("Task deleted.");
			assertThat(browser.taskIds()).isEmpty();
			assertThat(browser.showsEmptyState()).isTrue();
		}
	}

	@Test
	void sessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
		HttpResponse<Void> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
					BodyHandlers.discarding());

		assertThat(response.headers().allValues("Set-Cookie"))
			.anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly").contains("SameSite=Lax"));
	}
}
