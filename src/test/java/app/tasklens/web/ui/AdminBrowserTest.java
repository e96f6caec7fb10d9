package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.tasklens.web.api.ApiClient;
import app.tasklens.web.api.ApiIntegrationTest;

/**
 * The admin page in real Chromium: the admin follows the header's link and finds each user with their tasks,
 * disables another user with the row's button (whose open session ends at once), enables them again and makes
 * them an admin; a user who is not an admin has no link and is refused the page. The admin is made one by the {@code users.admin} flag, as
 * the shared server's first account belongs to whichever test ran first.
 */
@ApiIntegrationTest
class AdminBrowserTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theAdminFollowsTheHeaderLinkAndSeesEveryUserWhileOthersAreRefused() {
		BrowserSession.assumeChromium();
		String base = "http://localhost:" + port;
		ApiClient api = new ApiClient(port);
		ApiClient.User admin = api.signUp(ApiClient.unique("admin"));
		jdbc.sql("UPDATE users SET admin = TRUE WHERE id = ?").param(admin.id()).update();
		ApiClient.User bob = api.signUp(ApiClient.unique("bob"));
		// Bob may be the shared server's first account, which sign-up makes an admin.
		jdbc.sql("UPDATE users SET admin = FALSE WHERE id = ?").param(bob.id()).update();
		api.createTask(bob, "One");
		api.createTask(bob, "Two");

		try (BrowserSession browser = BrowserSession.open(base, true);
				BrowserSession other = BrowserSession.open(base, true)) {
			other.signIn(bob.username(), ApiClient.PASSWORD);
			assertThat(other.driver().findElements(By.id("admin-link"))).isEmpty();
			other.open("/admin");
			assertThat(other.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Admins only");
			assertThat(other.driver().getPageSource()).doesNotContain(admin.username());

			browser.signIn(admin.username(), ApiClient.PASSWORD);
			browser.waiting().until(driver -> !driver.findElements(By.id("admin-link")).isEmpty());
			browser.driver().findElement(By.id("admin-link")).click();

			String row = browser.waiting().until(driver -> driver.findElement(By.id("user-" + bob.username())).getText());
			assertThat(row).startsWith(bob.username()).contains(" 2 0 0 B");
			assertThat(browser.driver().findElement(By.id("user-" + admin.username())).getText()).contains("(admin)");
			assertThat(browser.driver().findElements(By.id("disable-" + admin.username()))).as("not one's own").isEmpty();
			assertThat(browser.driver().findElement(By.id("models-status")).getText()).isEqualTo("Ready: labeling runs.");
			assertThat(browser.driver().findElement(By.id("queue-length")).getText()).contains("wait for labels");
			browser.screenshot("admin-page");

			click(browser, "disable-" + bob.username());
			assertThat(message(browser)).isEqualTo(bob.username() + " is disabled: signed out everywhere, cannot sign in.");
			assertThat(rowOf(browser, bob.username())).contains("(disabled)").contains("Enable");
			other.open("/");
			assertThat(other.driver().getCurrentUrl()).as("bob's session ended").contains("/login");

			click(browser, "disable-" + bob.username());
			assertThat(message(browser)).isEqualTo(bob.username() + " can sign in again.");
			click(browser, "admin-" + bob.username());
			assertThat(message(browser)).isEqualTo(bob.username() + " is an admin now.");
			assertThat(rowOf(browser, bob.username())).contains("(admin)").doesNotContain("(disabled)")
				.contains("Remove admin").contains("Disable");
			assertThat(browser.consoleErrors()).isEmpty();

			other.signIn(bob.username(), ApiClient.PASSWORD);
			other.waiting().until(driver -> !driver.findElements(By.id("admin-link")).isEmpty());
		}
	}

	/** Presses a row's button; the page comes back with the button saying the opposite. */
	private static void click(BrowserSession browser, String buttonId) {
		String before = browser.driver().findElement(By.id(buttonId)).getText();
		browser.driver().findElement(By.id(buttonId)).click();
		browser.waiting().until(driver -> !driver.findElement(By.id(buttonId)).getText().equals(before));
	}

	private static String message(BrowserSession browser) {
		return browser.waiting().until(driver -> driver.findElement(By.cssSelector("#messages .message")).getText());
	}

	private static String rowOf(BrowserSession browser, String username) {
		return browser.waiting().until(driver -> driver.findElement(By.id("user-" + username)).getText());
	}
}
