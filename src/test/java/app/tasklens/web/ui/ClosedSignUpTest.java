package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import app.tasklens.account.SignUpRefusedException;
import app.tasklens.web.api.ApiClient;
import app.tasklens.web.api.ApiIntegrationTest;

/** Closed sign-up ({@code tasklens.account.sign-up=closed}): the operator's first account, then nobody's. */
@ApiIntegrationTest
@TestPropertySource(properties = "tasklens.account.sign-up=closed")
class ClosedSignUpTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	private ApiClient api;

	@BeforeEach
	void operator() {
		api = new ApiClient(port);
		assertThat(api.post("/api/users").json(Map.of("username", "operator", "password", ApiClient.PASSWORD)).send()
			.status()).isIn(201, 403);
	}

	@Test
	void theApiRefusesEveryLaterSignUpWithAProblem() {
		ApiClient.Response refused = api.post("/api/users")
			.json(Map.of("username", ApiClient.unique("bob"), "password", ApiClient.PASSWORD)).send().expect(403);

		assertThat(refused.json().path("detail").asString()).isEqualTo(SignUpRefusedException.CLOSED);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT admin FROM users").query(Boolean.class).single()).isTrue();
	}

	@Test
	void invitesAreOffWhileSignUpIsClosed() {
		ApiClient.User operator = new ApiClient.User(null, "operator", ApiClient.PASSWORD,
				api.token("operator", ApiClient.PASSWORD));

		ApiClient.Response off = api.post("/api/invites").as(operator).send().expect(409);

		assertThat(off.json().path("detail").asString()).isEqualTo("Invite links are off: sign-up is closed on this server.");
		assertThat(api.get("/api/invites").as(operator).send().expect(200).json()).isEmpty();
	}

	@Test
	void theSignUpPageSaysSoAndThePostedFormIsRefusedToo() throws Exception {
		PageHtml page = page(get("/signup"), 403);
		assertThat(page.text("signup-refused")).isEqualTo(SignUpRefusedException.CLOSED);
		assertThat(page.has("username")).isFalse();

		PageHtml posted = page(post("/signup").with(csrf()).param("username", ApiClient.unique("carol"))
			.param("password", SignedInUser.PASSWORD), 403);
		assertThat(posted.text("signup-refused")).isEqualTo(SignUpRefusedException.CLOSED);
		mvc.perform(post("/signup").param("username", ApiClient.unique("carol")).param("password", SignedInUser.PASSWORD))
			.andExpect(status().isForbidden());
		assertThat(page(get("/login"), 200).html()).doesNotContain("Create an account");
	}

	private PageHtml page(RequestBuilder request, int status) throws Exception {
		return PageHtml.of(mvc, request, status);
	}
}
