package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import app.tasklens.account.AccessKeyService;
import app.tasklens.web.api.ApiClient.User;

/**
 * {@code POST/GET/DELETE /api/access-keys} over real HTTP: the secret is shown once and stored only sealed,
 * a user sees and revokes only their own keys, and closing the account takes its keys along.
 */
@ApiIntegrationTest
class AccessKeyApiTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccessKeyService service;

	private ApiClient api;

	@BeforeEach
	void client() {
		api = new ApiClient(port);
	}

	@Test
	void aNewKeyShowsItsSecretOnceAndTheStoreKeepsItOnlySealed() {
		User alice = api.signUp(ApiClient.unique("alice"));

		ApiClient.Response created = api.post("/api/access-keys").as(alice).send().expect(201);
		String id = created.json().path("accessKeyId").asString();
		String secret = created.json().path("secretAccessKey").asString();

		assertThat(id).matches("TLAK[A-Z2-7]{16}");
		assertThat(secret).hasSize(40);
		assertThat(created.header("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
		assertThat(created.header("Location")).hasValueSatisfying(value -> assertThat(value).endsWith("/api/access-keys/" + id));
		JsonNode listed = api.get("/api/access-keys").as(alice).send().expect(200).json();
		assertThat(listed.path("items")).extracting(key -> key.path("accessKeyId").asString()).containsExactly(id);
		assertThat(listed.toString()).doesNotContain(secret).doesNotContain("secretAccessKey");
		String stored = jdbc.sql("SELECT secret_sealed FROM access_keys WHERE id = ?").param(id).query(String.class).single();
		assertThat(stored).doesNotContain(secret);
		assertThat(service.signingKey(id).orElseThrow().secret()).isEqualTo(secret);
	}

	@Test
	void aUserSeesAndRevokesOnlyTheirOwnKeys() {
		User alice = api.signUp(ApiClient.unique("alice"));
		User bob = api.signUp(ApiClient.unique("bob"));
		String alicesKey = api.post("/api/access-keys").as(alice).send().expect(201).json().path("accessKeyId").asString();

		assertThat(api.get("/api/access-keys").as(bob).send().expect(200).json().path("items").isEmpty()).isTrue();
		assertThat(api.delete("/api/access-keys/" + alicesKey).as(bob).send().expect(404).json().path("detail").asString())
			.isEqualTo("access key not found");
		assertThat(service.signingKey(alicesKey)).isPresent();

		api.delete("/api/access-keys/" + alicesKey).as(alice).send().expect(204);
		assertThat(service.signingKey(alicesKey)).isEmpty();
		assertThat(api.get("/api/access-keys").as(alice).send().expect(200).json().path("items").isEmpty()).isTrue();
		api.delete("/api/access-keys/" + alicesKey).as(alice).send().expect(404);
		api.delete("/api/access-keys/not-a-key-id").as(alice).send().expect(404);
	}

	@Test
	void withoutATokenNothingIsShownOrMade() {
		api.get("/api/access-keys").send().expect(401);
		api.post("/api/access-keys").send().expect(401);
		api.delete("/api/access-keys/TLAKAAAAAAAAAAAAAAAA").send().expect(401);
	}

	@Test
	void aUserMayHaveTenKeysAndTheEleventhIsRefused() {
		User carol = api.signUp(ApiClient.unique("carol"));
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < AccessKeyService.MAX_KEYS_PER_USER; i++) {
			ids.add(api.post("/api/access-keys").as(carol).send().expect(201).json().path("accessKeyId").asString());
		}

		assertThat(api.post("/api/access-keys").as(carol).send().expect(409).json().path("detail").asString())
			.contains("revoke one first");
		assertThat(api.get("/api/access-keys").as(carol).send().expect(200).json().path("items"))
			.extracting(key -> key.path("accessKeyId").asString()).containsExactlyElementsOf(ids);
		api.delete("/api/access-keys/" + ids.get(0)).as(carol).send().expect(204);
		api.post("/api/access-keys").as(carol).send().expect(201);
	}

	@Test
	void closingTheAccountRemovesItsKeys() {
		User dave = api.signUp(ApiClient.unique("dave"));
		String key = api.post("/api/access-keys").as(dave).send().expect(201).json().path("accessKeyId").asString();

		api.delete("/api/users/me").as(dave).json(Map.of("currentPassword", ApiClient.PASSWORD)).send().expect(204);

		assertThat(service.signingKey(key)).isEmpty();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM access_keys WHERE owner_id = ?").param(dave.id()).query(Long.class)
			.single()).isZero();
	}
}
