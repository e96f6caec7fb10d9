package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import app.tasklens.web.api.ApiClient.User;
import tools.jackson.databind.JsonNode;

/** Who may do what through the API: tokens, ownership, open routes. Over real HTTP. */
@ApiIntegrationTest
class ApiSecurityTest {

	@LocalServerPort
	int port;

	@Autowired
	SecretKey tokenSigningKey;

	private ApiClient api;

	@BeforeEach
	void client() {
		api = new ApiClient(port);
	}

	@Test
	void everyApiRouteWithoutAValidTokenIs401Problem() {
		User owner = api.signUp(ApiClient.unique("owner"));
		String id = api.createTask(owner, "Mine").path("id").asString();
		List<ApiClient.Request> requests = List.of(api.get("/api/tasks"),
				api.post("/api/tasks").json(Map.of("title", "x")), api.get("/api/tasks/" + id),
				api.patch("/api/tasks/" + id).json(Map.of("title", "x")), api.delete("/api/tasks/" + id),
				api.get("/api/users/" + owner.id()), api.get("/api/no-such-route"));

		for (ApiClient.Request request : requests) {
			ApiClient.Response answer = request.send().expect(401);
			assertThat(answer.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
			assertThat(request.bearer("not-a-token").send().status()).isEqualTo(401);
		}
		assertThat(api.task(owner, id).path("title").asString()).isEqualTo("Mine");
	}

	@Test
	void anotherUsersTaskIsNotFoundExactlyLikeAMissingOneAndStaysUnchanged() {
		User alice = api.signUp(ApiClient.unique("alice"));
		User bob = api.signUp(ApiClient.unique("bob"));
		JsonNode task = api.createTask(alice, Map.of("title", "Alice's", "body", "private"));
		String id = task.path("id").asString();

		ApiClient.Response read = api.get("/api/tasks/" + id).as(bob).send().expect(404);
		api.patch("/api/tasks/" + id).as(bob).json(Map.of("title", "Bob was here", "done", true)).send().expect(404);
		api.delete("/api/tasks/" + id).as(bob).send().expect(404);
		assertThat(api.allTasks(bob, "limit=100")).isEmpty();
		assertThat(api.allTasks(bob, "q=private")).isEmpty();

		assertThat(api.task(alice, id)).isEqualTo(task);
		api.deleteTask(alice, id);
		ApiClient.Response missing = api.get("/api/tasks/" + id).as(bob).send().expect(404);
		assertThat(read.body()).isEqualTo(missing.body());
	}

	@Test
	void aTokenWithATamperedSignatureOrPayloadIs401() {
		User alice = api.signUp(ApiClient.unique("carol"));
		User bob = api.signUp(ApiClient.unique("dave"));
		api.createTask(alice, "Carol's");
		String[] parts = bob.token().split("\\.");

		String signatureChanged = parts[0] + "." + parts[1] + "." + flipFirstChar(parts[2]);
		String payloadSwapped = parts[0] + "." + alice.token().split("\\.")[1] + "." + parts[2];

		api.get("/api/tasks").bearer(signatureChanged).send().expect(401);
		api.get("/api/tasks").bearer(payloadSwapped).send().expect(401);
		api.get("/api/tasks").bearer(bob.token()).send().expect(200);
	}

	@Test
	void anExpiredTokenSignedWithTheRealKeyIs401() {
		User erin = api.signUp(ApiClient.unique("erin"));
		Instant past = Instant.now().minusSeconds(3600);

		String expired = sign(tokenSigningKey, erin, past.minusSeconds(600), past);
		String fresh = sign(tokenSigningKey, erin, Instant.now(), Instant.now().plusSeconds(600));

		api.get("/api/tasks").bearer(expired).send().expect(401);
		api.get("/api/tasks").bearer(fresh).send().expect(200);
	}

	@Test
	void aTokenSignedWithAnotherKeyIs401() {
		User frank = api.signUp(ApiClient.unique("frank"));
		byte[] otherKey = new byte[32];
		new SecureRandom().nextBytes(otherKey);

		String forged = sign(new SecretKeySpec(otherKey, "HmacSHA256"), frank, Instant.now(),
				Instant.now().plusSeconds(600));

		api.get("/api/tasks").bearer(forged).send().expect(401);
	}

	@Test
	void anUnsignedAlgNoneTokenIs401() {
		User grace = api.signUp(ApiClient.unique("grace"));
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		long exp = Instant.now().plusSeconds(600).getEpochSecond();
		String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		String claims = base64.encodeToString(("{\"iss\":\"tasklens\",\"sub\":\"" + grace.id() + "\",\"name\":\"grace\","
				+ "\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));

		api.get("/api/tasks").bearer(header + "." + claims + ".").send().expect(401);
		api.get("/api/tasks").bearer(header + "." + claims).send().expect(401);
	}

	@Test
	void healthAndTheApiDocumentationAreOpen() {
		assertThat(api.get("/actuator/health").send().expect(200).json().path("status").asString()).isEqualTo("UP");

		ApiClient.Response docs = api.get("/api/docs").send().expect(302);
		assertThat(docs.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/docs/index.html"));
		ApiClient.Response ui = api.get("/api/docs/swagger-ui/index.html").send().expect(200);
		assertThat(ui.header("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
			.containsPattern("style-src 'self' 'sha256-[A-Za-z0-9+/=]{44}';"));
		assertThat(api.get("/api/tasks").send().header("Content-Security-Policy"))
			.hasValueSatisfying(policy -> assertThat(policy).contains("style-src 'self';"));
		assertThat(ui.body()).contains("swagger-initializer.js");
		assertThat(api.get("/api/docs/swagger-ui/swagger-initializer.js").send().expect(200).status()).isEqualTo(200);
		assertThat(api.get("/api/docs/openapi.json/swagger-config").send().expect(200).json().path("url").asString())
			.isEqualTo("/api/docs/openapi.json");

		JsonNode openApi = api.get("/api/docs/openapi.json").send().expect(200).json();
		JsonNode bearer = openApi.path("components").path("securitySchemes").path(OpenApiConfiguration.BEARER);
		assertThat(bearer.path("scheme").asString()).isEqualTo("bearer");
		assertThat(bearer.path("bearerFormat").asString()).isEqualTo("JWT");
		assertThat(openApi.path("paths").propertyNames())
			.contains("/api/tasks", "/api/tasks/{id}", "/api/users", "/api/users/{id}", "/api/token");
		assertThat(openApi.path("paths").path("/api/token").path("post").path("security").isEmpty()).isTrue();
		assertThat(openApi.path("components").path("schemas").path("TaskJson").path("properties").propertyNames())
			.containsExactlyInAnyOrder("id", "title", "body", "dueDate", "done", "createdAt", "updatedAt", "dueGroup");
		assertThat(openApi.path("paths").path("/api/tasks").path("get").path("parameters").findValuesAsString("name"))
			.containsExactlyInAnyOrder("limit", "cursor", "done", "q", "label", "sort");
		assertThat(openApi.path("components").path("responses").path("UnprocessableContent").path("content")
			.has("application/problem+json")).isTrue();
	}

	private static String sign(SecretKey key, User user, Instant issuedAt, Instant expiresAt) {
		return sign(key, claims(user).issuedAt(issuedAt).expiresAt(expiresAt));
	}

	/** The claims the server puts in a token of {@code user}, but no times. */
	private static JwtClaimsSet.Builder claims(User user) {
		return JwtClaimsSet.builder().issuer("tasklens").subject(user.id()).claim("name", user.username())
			.claim("gen", 0);
	}

	private static String sign(SecretKey key, JwtClaimsSet.Builder claims) {
		return NimbusJwtEncoder.withSecretKey(key).algorithm(MacAlgorithm.HS256).build()
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
			.getTokenValue();
	}

	@Test
	void aTokenWhoseSubjectIsNoUserIs401() {
		User ghost = new User("no-such-user-" + System.nanoTime(), "ghost", ApiClient.PASSWORD, null);

		String token = sign(tokenSigningKey, ghost, Instant.now(), Instant.now().plusSeconds(600));

		api.get("/api/tasks").bearer(token).send().expect(401);
		api.post("/api/tasks").bearer(token).json(Map.of("title", "x")).send().expect(401);
	}

	@Test
	void aTokenWithoutExpiryOrIssuerOrGenerationIs401() {
		User henry = api.signUp(ApiClient.unique("henry"));

		api.get("/api/tasks").bearer(sign(tokenSigningKey, claims(henry).issuedAt(Instant.now()))).send().expect(401);
		api.get("/api/tasks").bearer(sign(tokenSigningKey, JwtClaimsSet.builder().subject(henry.id()).claim("gen", 0)
			.issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600)))).send().expect(401);
		api.get("/api/tasks").bearer(sign(tokenSigningKey, claims(henry).issuer("someone-else").issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(600)))).send().expect(401);
		api.get("/api/tasks").bearer(sign(tokenSigningKey, claims(henry).claim("gen", "0").issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(600)))).send().expect(401);
		api.get("/api/tasks").bearer(sign(tokenSigningKey, claims(henry).issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(600)))).send().expect(200);
	}

	/** A few seconds of clock skew are allowed, not the minute that is the library's default. */
	@Test
	void aTokenExpiredTenSecondsAgoIs401() {
		User irene = api.signUp(ApiClient.unique("irene"));
		Instant now = Instant.now();

		api.get("/api/tasks").bearer(sign(tokenSigningKey, irene, now.minusSeconds(600), now.minusSeconds(10))).send()
			.expect(401);
		api.get("/api/tasks").bearer(sign(tokenSigningKey, claims(irene).issuedAt(now).notBefore(now.plusSeconds(30))
			.expiresAt(now.plusSeconds(600)))).send().expect(401);
	}


	private static String flipFirstChar(String text) {
		return (text.charAt(0) == 'A' ? 'B' : 'A') + text.substring(1);
	}
}
