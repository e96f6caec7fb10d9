package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import app.tasklens.account.AccessKeyService;
import app.tasklens.web.api.ApiIntegrationTest;

/** Sign-up, sign-in and sign-out pages, through the real security chain and account store. */
@ApiIntegrationTest
class AccountPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccessKeyService accessKeys;

	@Test
	void signUpSignsTheNewUserInOnAFreshSession() throws Exception {
		MockHttpSession anonymous = (MockHttpSession) mvc.perform(get("/signup")).andReturn().getRequest().getSession();
		String username = SignedInUser.freshUsername();

		MockHttpSession session = (MockHttpSession) mvc.perform(post("/signup").session(anonymous).with(csrf())
			.param("username", username).param("password", SignedInUser.PASSWORD))
			.andExpect(redirectedUrl("/"))
			.andReturn().getRequest().getSession(false);

		assertThat(anonymous.isInvalid()).as("no session fixation").isTrue();
		assertThat(page(get("/").session(session), 200).html()).contains("Signed in as </span><strong>" + username + "</strong>");
	}

	@Test
	void refusedSignUpShowsTheReasonNextToTheFieldAndNeverEchoesThePassword() throws Exception {
		PageHtml shortPassword = page(post("/signup").with(csrf())
			.param("username", "carol.smith").param("password", "tooshort"), 422);

		assertThat(shortPassword.text("password-error")).isEqualTo("The password must be at least 10 characters.");
		assertThat(shortPassword.tag("password")).contains("aria-invalid=\"true\"").doesNotContain("tooshort");
		assertThat(shortPassword.tag("username")).contains("value=\"carol.smith\"");

		PageHtml badName = page(post("/signup").with(csrf())
			.param("username", "a b").param("password", SignedInUser.PASSWORD), 422);
		assertThat(badName.text("username-error")).startsWith("The username must be 3–64 characters");
	}

	@Test
	void takenUsernameIsRefusedNextToTheUsername() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);

		PageHtml page = page(post("/signup").with(csrf())
			.param("username", alice.user().username().toUpperCase()).param("password", SignedInUser.PASSWORD), 422);

		assertThat(page.text("username-error")).contains("is already taken");
	}

	@Test
	void signInWithTheFormAndSignOut() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);

		MockHttpSession session = (MockHttpSession) mvc.perform(post("/login").with(csrf())
			.param("username", alice.user().username()).param("password", SignedInUser.PASSWORD))
			.andExpect(redirectedUrl("/"))
			.andReturn().getRequest().getSession(false);
		mvc.perform(get("/").session(session)).andExpect(status().isOk());

		mvc.perform(post("/logout").session(session).with(csrf())).andExpect(redirectedUrl("/login?signedOut"));
		mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/login"));
		assertThat(page(get("/login").param("signedOut", ""), 200).html()).contains("You have signed out.");
	}

	@Test
	void signInPageSaysWhyTheLastAttemptFailed() throws Exception {
		mvc.perform(post("/login").with(csrf()).param("username", "nobody-here").param("password", "wrong password"))
			.andExpect(redirectedUrl("/login?error"));
		assertThat(page(get("/login").param("error", ""), 200).html()).contains("Wrong username or password.");

		MockHttpSession throttled = new MockHttpSession();
		throttled.setAttribute(AccountPages.SIGN_IN_ERROR, "too many failed sign-ins; try again in 60 s");
		assertThat(page(get("/login").param("throttled", "").session(throttled), 200).html())
			.contains("too many failed sign-ins; try again in 60 s");
		assertThat(throttled.getAttribute(AccountPages.SIGN_IN_ERROR)).as("shown once").isNull();
	}

	@Test
	void changingThePasswordKeepsThisSessionAndEndsTheOthers() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);
		MockHttpSession other = (MockHttpSession) mvc.perform(post("/login").with(csrf())
			.param("username", alice.user().username()).param("password", SignedInUser.PASSWORD))
			.andExpect(redirectedUrl("/")).andReturn().getRequest().getSession(false);

		MockHttpSession changed = (MockHttpSession) mvc.perform(post("/account/password").session(alice.session())
			.with(csrf()).param("currentPassword", SignedInUser.PASSWORD).param("newPassword", "a brand new passphrase"))
			.andExpect(redirectedUrl("/account")).andReturn().getRequest().getSession(false);

		mvc.perform(get("/").session(changed)).andExpect(status().isOk());
		mvc.perform(get("/").session(other)).andExpect(redirectedUrl("/login"));
		assertThat(page(get("/account").session(changed), 200).html()).contains("Your password has been changed.");
	}

	@Test
	void aWrongCurrentPasswordIsSaidNextToItsField() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);

		PageHtml refused = page(post("/account/password").session(alice.session()).with(csrf())
			.param("currentPassword", "not my password").param("newPassword", "a brand new passphrase"), 422);

		assertThat(refused.text("current-password-error")).isEqualTo("The current password is not right.");
		mvc.perform(get("/").session(alice.session())).andExpect(status().isOk());
	}

	@Test
	void deletingTheAccountSignsOutAndTheNameCanSignInNoMore() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);

		mvc.perform(post("/account/delete").session(alice.session()).with(csrf())
			.param("currentPassword", SignedInUser.PASSWORD)).andExpect(redirectedUrl("/login?deleted"));

		mvc.perform(post("/login").with(csrf()).param("username", alice.user().username())
			.param("password", SignedInUser.PASSWORD)).andExpect(redirectedUrl("/login?error"));
		assertThat(page(get("/login").param("deleted", ""), 200).html())
			.contains("Your account and everything in it have been deleted.");
	}

	@Test
	void anAccessKeyIsMadeWithItsSecretShownOnceListedAndRevokedOnlyByItsOwner() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);
		SignedInUser bob = SignedInUser.signUp(mvc);
		assertThat(page(get("/account").session(alice.session()), 200).has("no-access-keys")).isTrue();
		mvc.perform(post("/account/access-keys").session(alice.session())).andExpect(status().isForbidden());
		assertThat(accessKeys.list(alice.id())).as("no key without the CSRF token").isEmpty();

		var created = mvc.perform(post("/account/access-keys").session(alice.session()).with(csrf()))
			.andExpect(status().isOk()).andReturn().getResponse();
		PageHtml shown = new PageHtml(created.getContentAsString());
		String id = shown.text("new-key-id");
		String secret = shown.text("new-key-secret");
		assertThat(created.getHeader("Cache-Control")).contains("no-store");
		assertThat(accessKeys.signingKey(id).orElseThrow().secret()).isEqualTo(secret);

		PageHtml later = page(get("/account").session(alice.session()), 200);
		assertThat(later.has("key-" + id)).isTrue();
		assertThat(later.html()).doesNotContain(secret);
		assertThat(later.has("new-key-secret")).isFalse();

		PageHtml refused = page(post("/account/access-keys/" + id + "/revoke").session(bob.session()).with(csrf()), 404);
		assertThat(refused.text("access-keys-error")).isEqualTo("You have no access key " + id + ".");
		assertThat(accessKeys.signingKey(id)).isPresent();

		mvc.perform(post("/account/access-keys/" + id + "/revoke").session(alice.session()).with(csrf()))
			.andExpect(redirectedUrl("/account"));
		assertThat(accessKeys.signingKey(id)).isEmpty();
		assertThat(page(get("/account").session(alice.session()), 200).has("key-" + id)).isFalse();
	}

	@Test
	void whatTheAccessKeyErrorEchoesIsEscaped() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);

		PageHtml refused = page(post("/account/access-keys/{id}/revoke", "<b>x\"").session(alice.session()).with(csrf()), 404);

		assertThat(refused.html()).doesNotContain("<b>x").contains("You have no access key &lt;b&gt;x&quot;.");
	}

	@Test
	void openSignUpNeedsNoInvitesAndTheAccountPageOffersNone() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);

		assertThat(page(get("/account").session(alice.session()), 200).has("invites")).isFalse();
		assertThat(page(get("/login"), 200).html()).contains("Create an account");
		PageHtml refused = page(post("/account/invites").session(alice.session()).with(csrf()), 409);
		assertThat(refused.html()).contains("Invite links are not needed: anyone can sign up on this server.");
	}

	private PageHtml page(RequestBuilder request, int status) throws Exception {
		return new PageHtml(mvc.perform(request).andExpect(status().is(status)).andReturn().getResponse()
			.getContentAsString());
	}
}
