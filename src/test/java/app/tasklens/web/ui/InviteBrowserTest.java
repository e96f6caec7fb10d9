package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import app.tasklens.web.api.ApiClient;
import app.tasklens.web.api.ApiIntegrationTest;

/**
 * Sign-up by invitation in real Chromium: the operator makes a link on the account page, a friend opens it
 * in another browser and signs up, and the link is then listed as used and opens no form any more. Shares
 * {@link InviteSignUpTest}'s application (the same settings).
 */
@ApiIntegrationTest
@TestPropertySource(properties = "tasklens.account.sign-up=invite")
class InviteBrowserTest {

	@LocalServerPort
	int port;

	@Test
	void aFriendSignsUpThroughAnInviteLinkMadeOnTheAccountPage() {
		BrowserSession.assumeChromium();
		String base = "http://localhost:" + port;
		assertThat(new ApiClient(port).post("/api/users").json(Map.of("username", InviteSignUpTest.OPERATOR,
				"password", ApiClient.PASSWORD)).send().status()).isIn(201, 403);
		String link;
		try (BrowserSession operator = BrowserSession.open(base, true)) {
			operator.signIn(InviteSignUpTest.OPERATOR, ApiClient.PASSWORD);
			operator.open("/account");
			operator.driver().findElement(By.cssSelector("#invites button[type=submit]")).click();
			operator.awaitMessage("Invite link made. Copy it now: it is shown only once.");
			link = operator.driver().findElement(By.id("invite-link")).getDomProperty("value");
			assertThat(link).startsWith(base + "/signup?invite=");
			operator.screenshot("invite-made");
		}

		String friend = SignedInUser.freshUsername();
		try (BrowserSession browser = BrowserSession.open(base, true)) {
			browser.signUpAt(link.substring(base.length()), friend, SignedInUser.PASSWORD);

			assertThat(browser.driver().findElement(By.className("account-name")).getText()).contains(friend);
			assertThat(browser.consoleErrors()).isEmpty();
		}

		// The refused pages answer 403, which Chromium logs in the console: these are looked at in a third browser.
		try (BrowserSession again = BrowserSession.open(base, true)) {
			again.open("/signup");
			assertThat(again.driver().findElement(By.id("signup-refused")).getText())
				.isEqualTo("Sign-up on this server is by invitation only. Ask someone who uses it for an invite link.");
			again.open(link.substring(base.length()));
			assertThat(again.driver().findElement(By.id("signup-refused")).getText()).startsWith("This invite link cannot be used");
			again.signIn(InviteSignUpTest.OPERATOR, ApiClient.PASSWORD);
			again.open("/account");
			assertThat(again.driver().findElement(By.id("invites")).getText()).contains("Used by " + friend);
		}
	}
}
