package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.web.servlet.FlashMap;

import app.tasklens.account.SignUpRefusedException;
import app.tasklens.web.api.ApiClient;
import app.tasklens.web.api.ApiIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Sign-up by invitation ({@code tasklens.account.sign-up=invite}) through the real security chain, over real
 * HTTP for the API and MockMvc for the pages, on a SQLite file of its own. The first account (the operator's)
 * needs no invite; every later one needs a link that a signed-in user made.
 */
@ApiIntegrationTest
@TestPropertySource(properties = "tasklens.account.sign-up=invite")
class InviteSignUpTest {

	static final String OPERATOR = "operator";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	private ApiClient api;
	private ApiClient.User operator;

	/** The first account of this server, made by whichever test runs first. */
	@BeforeEach
	void operator() {
		api = new ApiClient(port);
		int status = api.post("/api/users").json(Map.of("username", OPERATOR, "password", ApiClient.PASSWORD)).send()
			.status();
		assertThat(status).as("the first account is made, later ones are refused").isIn(201, 403);
		operator = new ApiClient.User(null, OPERATOR, ApiClient.PASSWORD, api.token(OPERATOR, ApiClient.PASSWORD));
	}

	@Test
	void theFirstAccountIsTheAdminAndNobodySignsUpWithoutAnInvite() {
		assertThat(jdbc.sql("SELECT admin FROM users WHERE username_key = ?").param(OPERATOR).query(Boolean.class)
			.single()).isTrue();

		ApiClient.Response refused = api.post("/api/users")
			.json(Map.of("username", ApiClient.unique("bob"), "password", ApiClient.PASSWORD)).send().expect(403);

		assertThat(refused.json().path("detail").asString()).isEqualTo(SignUpRefusedException.INVITE_REQUIRED);
	}

	@Test
	void anInviteLinkFromTheApiMakesOneAccountAndIsListedAsUsed() {
		JsonNode made = api.post("/api/invites").as(operator).send().expect(201).json();
		String token = made.path("token").asString();
		assertThat(made.path("link").asString()).isEqualTo("http://localhost:" + port + "/signup?invite=" + token);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM invites WHERE token_hash = ? OR id = ?").param(token)
			.param(made.path("id").asString()).query(Long.class).single()).as("only the hash is kept").isEqualTo(1);
		assertThat(jdbc.sql("SELECT token_hash FROM invites WHERE id = ?").param(made.path("id").asString())
			.query(String.class).single()).isNotEqualTo(token).hasSize(64);

		String bob = ApiClient.unique("bob");
		api.post("/api/users").json(Map.of("username", bob, "password", ApiClient.PASSWORD, "invite", token)).send()
			.expect(201);
		ApiClient.Response again = api.post("/api/users")
			.json(Map.of("username", ApiClient.unique("carol"), "password", ApiClient.PASSWORD, "invite", token)).send()
			.expect(403);

		assertThat(again.json().path("detail").asString()).isEqualTo(SignUpRefusedException.INVITE_UNUSABLE);
		JsonNode listed = invite(made.path("id").asString());
		assertThat(listed.path("state").asString()).isEqualTo("used");
		assertThat(listed.path("usedBy").asString()).isEqualTo(bob);
		assertThat(listed.has("token")).isFalse();
		assertThat(jdbc.sql("SELECT admin FROM users WHERE username = ?").param(bob).query(Boolean.class).single())
			.isFalse();
	}

	@Test
	void aRevokedLinkMakesNoAccountAndOnlyItsMakerCanRevokeIt() {
		String bob = ApiClient.unique("bob");
		String bobsToken = api.post("/api/invites").as(operator).send().expect(201).json().path("token").asString();
		ApiClient.User invitedBob = signUpWith(bob, bobsToken);
		JsonNode made = api.post("/api/invites").as(operator).send().expect(201).json();
		String id = made.path("id").asString();

		api.delete("/api/invites/" + id).as(invitedBob).send().expect(404);
		api.delete("/api/invites/" + id).as(operator).send().expect(204);
		api.delete("/api/invites/" + id).as(operator).send().expect(404);

		api.post("/api/users").json(Map.of("username", ApiClient.unique("carol"), "password", ApiClient.PASSWORD,
				"invite", made.path("token").asString())).send().expect(403);
		assertThat(api.get("/api/invites").as(invitedBob).send().expect(200).json()).isEmpty();
		api.post("/api/invites").send().expect(401);
	}

	@Test
	void theSignUpPageSaysWhyWithoutAUsableLink() throws Exception {
		PageHtml none = page(get("/signup"), 403);
		assertThat(none.text("signup-refused")).isEqualTo(SignUpRefusedException.INVITE_REQUIRED);
		assertThat(none.has("username")).isFalse();

		PageHtml bad = page(get("/signup").param("invite", "<script>made-up</script>"), 403);
		assertThat(bad.text("signup-refused")).isEqualTo(SignUpRefusedException.INVITE_UNUSABLE);
		assertThat(bad.html()).doesNotContain("<script>made-up");

		PageHtml posted = page(post("/signup").with(csrf()).param("username", ApiClient.unique("dave"))
			.param("password", SignedInUser.PASSWORD).param("invite", "made-up"), 403);
		assertThat(posted.text("signup-refused")).isEqualTo(SignUpRefusedException.INVITE_UNUSABLE);
		assertThat(page(get("/login"), 200).html()).doesNotContain("Create an account");
	}

	@Test
	void aLinkMadeOnTheAccountPageSignsUpThroughTheForm() throws Exception {
		MockHttpSession session = signIn(OPERATOR);
		mvc.perform(post("/account/invites").session(session)).andExpect(status().isForbidden());

		FlashMap flash = mvc.perform(post("/account/invites").session(session).with(csrf()))
			.andExpect(redirectedUrl("/account#invites")).andReturn().getFlashMap();
		PageHtml account = page(get("/account").session(session).flashAttrs(flash), 200);
		assertThat(account.html()).contains("Invite link made. Copy it now: it is shown only once.");
		String link = account.attribute("invite-link", "value");
		assertThat(link).startsWith("http://localhost/signup?invite=");
		String token = link.substring(link.indexOf('=') + 1);

		PageHtml form = page(get("/signup").param("invite", token), 200);
		assertThat(form.text("invited")).isEqualTo("You were invited: this link makes one account.");
		assertThat(form.html()).contains("name=\"invite\" value=\"" + token + "\"");
		String erin = ApiClient.unique("erin");
		PageHtml weak = page(post("/signup").with(csrf()).param("username", erin).param("password", "1234567890")
			.param("invite", token), 422);
		assertThat(weak.html()).as("a refused form keeps the link").contains("name=\"invite\" value=\"" + token + "\"");
		mvc.perform(post("/signup").with(csrf()).param("username", erin).param("password", SignedInUser.PASSWORD)
			.param("invite", token)).andExpect(redirectedUrl("/"));

		PageHtml listed = page(get("/account").session(signIn(OPERATOR)), 200);
		assertThat(listed.html()).contains("Used by " + erin);
	}

	@Test
	void theAccountPageRevokesAnUnusedLink() throws Exception {
		JsonNode made = api.post("/api/invites").as(operator).send().expect(201).json();
		String id = made.path("id").asString();
		MockHttpSession session = signIn(OPERATOR);
		assertThat(page(get("/account").session(session), 200).has("invite-" + id)).isTrue();

		mvc.perform(post("/account/invites/" + id + "/revoke").session(session).with(csrf()))
			.andExpect(redirectedUrl("/account#invites"));

		assertThat(page(get("/account").session(session), 200).has("invite-" + id)).isFalse();
		page(get("/signup").param("invite", made.path("token").asString()), 403);
	}

	private ApiClient.User signUpWith(String username, String token) {
		JsonNode account = api.post("/api/users")
			.json(Map.of("username", username, "password", ApiClient.PASSWORD, "invite", token)).send().expect(201).json();
		return new ApiClient.User(account.path("id").asString(), username, ApiClient.PASSWORD,
				api.token(username, ApiClient.PASSWORD));
	}

	private JsonNode invite(String id) {
		for (JsonNode invite : api.get("/api/invites").as(operator).send().expect(200).json()) {
			if (invite.path("id").asString().equals(id)) {
				return invite;
			}
		}
		throw new AssertionError("invite " + id + " is not listed");
	}

	private MockHttpSession signIn(String username) throws Exception {
		return (MockHttpSession) mvc.perform(post("/login").with(csrf()).param("username", username)
			.param("password", SignedInUser.PASSWORD)).andExpect(redirectedUrl("/")).andReturn().getRequest()
			.getSession(false);
	}

	private PageHtml page(RequestBuilder request, int status) throws Exception {
		return PageHtml.of(mvc, request, status);
	}
}
