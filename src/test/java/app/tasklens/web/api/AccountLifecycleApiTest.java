package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiClient.User;

/**
 * Changing the password and deleting the account over real HTTP: both end every token the account had,
 * and deleting takes the account's tasks, attachments and files with it.
 */
@ApiIntegrationTest
class AccountLifecycleApiTest {

	private static final String NEW_PASSWORD = "a brand new passphrase";

	@LocalServerPort
	int port;

	@Value("${tasklens.data-dir}")
	Path dataDir;

	@Autowired
	JdbcClient jdbc;

	private ApiClient api;

	@BeforeEach
	void client() {
		api = new ApiClient(port);
	}

	@Test
	void aNewPasswordEndsEveryEarlierTokenAndGivesANewOne() {
		User alice = api.signUp(ApiClient.unique("alice"));
		String other = api.token(alice.username(), ApiClient.PASSWORD);

		String fresh = api.put("/api/users/me/password").as(alice)
			.json(Map.of("currentPassword", ApiClient.PASSWORD, "newPassword", NEW_PASSWORD)).send().expect(200).json()
			.path("token").asString();

		api.get("/api/tasks").as(alice).send().expect(401);
		api.get("/api/tasks").bearer(other).send().expect(401);
		api.get("/api/tasks").bearer(fresh).send().expect(200);
		api.post("/api/token").json(Map.of("username", alice.username(), "password", ApiClient.PASSWORD)).send()
			.expect(401);
		assertThat(api.token(alice.username(), NEW_PASSWORD)).isNotBlank();
	}

	@Test
	void aWrongCurrentPasswordOrABadNewOneChangesNothing() {
		User bob = api.signUp(ApiClient.unique("bob"));

		assertThat(api.put("/api/users/me/password").as(bob)
			.json(Map.of("currentPassword", "not my password", "newPassword", NEW_PASSWORD)).send().expect(422)
			.errorFields()).containsExactly("currentPassword");
		assertThat(api.put("/api/users/me/password").as(bob)
			.json(Map.of("currentPassword", ApiClient.PASSWORD, "newPassword", "short")).send().expect(422)
			.errorFields()).containsExactly("newPassword");
		api.put("/api/users/me/password").json(Map.of("currentPassword", ApiClient.PASSWORD, "newPassword", NEW_PASSWORD))
			.send().expect(401);

		api.get("/api/tasks").as(bob).send().expect(200);
		assertThat(api.token(bob.username(), ApiClient.PASSWORD)).isNotBlank();
	}

	@Test
	void deletingTheAccountRemovesItsTasksAttachmentsAndFilesAndEndsItsTokens() {
		User carol = api.signUp(ApiClient.unique("carol"));
		User dave = api.signUp(ApiClient.unique("dave"));
		ImageUploads uploads = new ImageUploads(api, port);
		String task = api.createTask(carol, "Walk the dog").path("id").asString();
		uploads.awaitLabels(carol, task,
				uploads.attach(carol, task, "dog.jpg", "image/jpeg", TestImages.darknet("dog.jpg")).path("id").asString());
		api.createTask(carol, "Buy milk");
		String davesTask = api.createTask(dave, "Dave's").path("id").asString();
		Path carolsFiles = dataDir.resolve("objects").resolve(carol.id());
		assertThat(carolsFiles).isDirectory();

		api.delete("/api/users/me").as(carol).json(Map.of("currentPassword", "wrong")).send().expect(422);
		api.get("/api/tasks/" + task).as(carol).send().expect(200);
		api.delete("/api/users/me").as(carol).json(Map.of("currentPassword", ApiClient.PASSWORD)).send().expect(204);

		api.get("/api/tasks").as(carol).send().expect(401);
		api.post("/api/token").json(Map.of("username", carol.username(), "password", ApiClient.PASSWORD)).send()
			.expect(401);
		for (String table : new String[] { "tasks", "attachments" }) {
			assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE owner_id = ?").param(carol.id())
				.query(Long.class).single()).as(table).isZero();
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(carolsFiles).doesNotExist());
		api.task(dave, davesTask);
		api.post("/api/users").json(Map.of("username", carol.username(), "password", ApiClient.PASSWORD)).send()
			.expect(201);
	}
}
