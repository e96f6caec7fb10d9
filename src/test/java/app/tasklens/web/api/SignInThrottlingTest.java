package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import app.tasklens.MutableClock;
import app.tasklens.account.AccountService;

/**
 * Failed token requests are throttled per username and per client address. Runs through the whole
 * application (security chain, real store) with MockMvc, which can set the client address that a real
 * socket on loopback cannot; the clock moves past the lockout between tests.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = ApiIntegrationTest.FreshDataDir.class)
@Import(MutableClock.AsApplicationClock.class)
@DirtiesContext
class SignInThrottlingTest {

	private static final String PASSWORD = ApiClient.PASSWORD;

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	AccountService accounts;

	@BeforeEach
	void afterAnyEarlierLockout() {
		clock.advance(Duration.ofHours(1));
	}

	@Test
	void fiveWrongPasswordsForAUsernameLockItEvenFromOtherAddresses() throws Exception {
		accounts.signUp("alice", PASSWORD);
		for (int i = 1; i <= 5; i++) {
			assertThat(token("alice", "wrong password", "10.0.1." + i).getStatus()).isEqualTo(401);
		}

		MockHttpServletResponse refused = token("alice", PASSWORD, "10.0.1.99");

		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getContentType()).isEqualTo("application/problem+json");
		assertThat(refused.getHeader("Retry-After")).isEqualTo("900");
		assertThat(token("ALICE", PASSWORD, "10.0.1.99").getStatus()).isEqualTo(429);
		accounts.signUp("bob", PASSWORD);
		assertThat(token("bob", PASSWORD, "10.0.1.99").getStatus()).as("other users sign in").isEqualTo(200);

		clock.advance(Duration.ofMinutes(15));
		assertThat(token("alice", PASSWORD, "10.0.1.99").getStatus()).isEqualTo(200);
	}

	@Test
	void fiveFailuresFromAnAddressLockItForEveryUsername() throws Exception {
		accounts.signUp("carol", PASSWORD);
		for (int i = 1; i <= 5; i++) {
			assertThat(token("guess" + i, "wrong password", "10.0.2.1").getStatus()).isEqualTo(401);
		}

		MockHttpServletResponse refused = token("carol", PASSWORD, "10.0.2.1");

		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getContentType()).isEqualTo("application/problem+json");
		assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 900L);
		assertThat(token("carol", PASSWORD, "10.0.2.2").getStatus()).as("from another address").isEqualTo(200);
	}

	private MockHttpServletResponse token(String username, String password, String address) throws Exception {
		return mvc.perform(post("/api/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
			.with(request -> {
				request.setRemoteAddr(address);
				return request;
			})).andReturn().getResponse();
	}
}
