package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.tasklens.web.api.ApiClient.User;
import tools.jackson.databind.JsonNode;

/** Sign-up and tokens over real HTTP, on a real SQLite file. */
@ApiIntegrationTest
class AccountApiTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private ApiClient api;

	@BeforeEach
	void client() {
		api = new ApiClient(port);
	}

	@Test
	void signUpAnswers201WithTheAccountAtItsLocationAndNeverThePassword() {
		String alice = ApiClient.unique("Alice");
		ApiClient.Response created = api.post("/api/users")
			.json(Map.of("username", alice, "password", ApiClient.PASSWORD)).send().expect(201);

		JsonNode account = created.json();
		assertThat(account.propertyNames()).containsExactlyInAnyOrder("id", "username", "createdAt");
		assertThat(created.body()).doesNotContain(ApiClient.PASSWORD).doesNotContain("bcrypt");
		assertThat(account.path("username").asString()).isEqualTo(alice);
		String id = account.path("id").asString();
		assertThat(created.header("Location")).contains("http://localhost:" + port + "/api/users/" + id);

		String token = api.token(alice.toLowerCase(Locale.ROOT), ApiClient.PASSWORD);
		assertThat(api.get("/api/users/" + id).bearer(token).send().expect(200).json()).isEqualTo(account);
		User bob = api.signUp(ApiClient.unique("bob"));
		api.get("/api/users/" + id).as(bob).send().expect(404);
	}

	@Test
	void theDatabaseKeepsABcryptHashNotThePassword() {
		User carol = api.signUp(ApiClient.unique("carol"));

		String stored = jdbc.sql("SELECT password_hash FROM users WHERE id = ?").param(carol.id()).query(String.class)
			.single();
		assertThat(stored).startsWith("{bcrypt}$2").doesNotContain(ApiClient.PASSWORD);
	}

	@Test
	void aUsernameTakenInAnyCaseIs409AndRuleBreakersAre422WithTheField() {
		String dave = api.signUp(ApiClient.unique("dave")).username();

		assertThat(api.post("/api/users").json(Map.of("username", dave.toUpperCase(Locale.ROOT), "password", ApiClient.PASSWORD)).send()
			.expect(409).errorFields()).containsExactly("username");
		assertThat(api.post("/api/users").json(Map.of("username", "d!", "password", ApiClient.PASSWORD)).send()
			.expect(422).errorFields()).containsExactly("username");
		assertThat(api.post("/api/users").json(Map.of("username", "erin", "password", "short")).send()
			.expect(422).errorFields()).containsExactly("password");
		assertThat(api.post("/api/users").json("{\"username\": \"erin\"}").send()
			.expect(422).errorFields()).containsExactly("password");
	}

	@Test
	void aTokenIsASignedJwtThatExpiresAfter12Hours() {
		User frank = api.signUp(ApiClient.unique("frank"));

		JsonNode issued = api.post("/api/token").json(Map.of("username", frank.username(), "password", ApiClient.PASSWORD))
			.send().expect(200).json();

		assertThat(issued.path("token").asString()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
		assertThat(Instant.parse(issued.path("expiresAt").asString()))
			.isCloseTo(Instant.now().plus(Duration.ofHours(12)), within(1, ChronoUnit.MINUTES));
		api.get("/api/tasks").bearer(issued.path("token").asString()).send().expect(200);
	}

	@Test
	void aWrongPasswordOrUnknownUserIs401AndAMissingFieldIs422() {
		String grace = api.signUp(ApiClient.unique("grace")).username();

		api.post("/api/token").json(Map.of("username", grace, "password", "not the password")).send().expect(401);
		api.post("/api/token").json(Map.of("username", ApiClient.unique("nobody"), "password", ApiClient.PASSWORD)).send().expect(401);
		assertThat(api.post("/api/token").json(Map.of("username", grace)).send().expect(422).errorFields())
			.containsExactly("password");
	}
}
