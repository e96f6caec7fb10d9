package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

/**
 * The red-team cases of sign-in limits, through the whole application: MockMvc sets the client address
 * that a real socket on loopback cannot; real HTTP shows which address the server believes. Every test
 * uses users and addresses of its own, so the shared application's counts do not meet.
 */
@ApiIntegrationTest
class SignInThrottlingTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@LocalServerPort
	int port;

	private ApiClient api;

	@BeforeEach
	void client() {
		api = new ApiClient(port);
	}

	@Test
	void fiveWrongPasswordsThenAnotherUserFromThatAddressThenTheOwnerFromAnotherAllSignIn() throws Exception {
		String alice = api.signUp(ApiClient.unique("alice")).username();
		String bob = api.signUp(ApiClient.unique("bob")).username();
		String router = "203.0.113." + (System.nanoTime() % 250);
		for (int i = 1; i <= 5; i++) {
			assertThat(token(alice, "wrong password", router).getStatus()).isEqualTo(401);
		}

		MockHttpServletResponse refused = token(alice, ApiClient.PASSWORD, router);
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getContentType()).isEqualTo("application/problem+json");
		assertThat(refused.getHeader("Retry-After")).isEqualTo("900");
		assertThat(JSON.readTree(refused.getContentAsString()).path("detail").asString())
			.isEqualTo("Too many failed sign-ins. Try again in 15 minutes.");

		assertThat(token(bob, ApiClient.PASSWORD, router).getStatus()).as("another user behind the same router")
			.isEqualTo(200);
		assertThat(token(alice, ApiClient.PASSWORD, "198.51.100." + (System.nanoTime() % 250)).getStatus())
			.as("the owner from another address").isEqualTo(200);
	}

	/**
	 * Over a real socket from loopback: the server trusts no proxy by default, so rotating
	 * X-Forwarded-For does not make each guess come from a new address.
	 */
	@Test
	void aRotatedForwardedForFromAnUntrustedPeerDoesNotDodgeTheLimit() {
		String carol = api.signUp(ApiClient.unique("carol")).username();
		for (int i = 1; i <= 5; i++) {
			api.post("/api/token").header("X-Forwarded-For", "192.0.2." + i)
				.json(Map.of("username", carol, "password", "wrong password")).send().expect(401);
		}

		ApiClient.Response refused = api.post("/api/token").header("X-Forwarded-For", "192.0.2.99")
			.json(Map.of("username", carol, "password", ApiClient.PASSWORD)).send().expect(429);

		assertThat(refused.json().path("detail").asString()).startsWith("Too many failed sign-ins. Try again in");
	}

	private MockHttpServletResponse token(String username, String password, String address) throws Exception {
		return mvc.perform(post("/api/token").contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(Map.of("username", username, "password", password)))
			.with(request -> {
				request.setRemoteAddr(address);
				return request;
			})).andReturn().getResponse();
	}
}
