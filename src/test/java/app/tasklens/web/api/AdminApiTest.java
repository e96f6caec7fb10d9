package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiClient.User;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/admin/overview} over real HTTP on the shared application (real SQLite, real labeling). The
 * first account of this shared server is whichever test class signed up first, so the admin here is made one
 * by setting {@code users.admin}, the flag sign-up sets for a server's first account.
 */
@ApiIntegrationTest
class AdminApiTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private ApiClient api;
	private User admin;
	private User bob;

	@BeforeEach
	void anAdminAndAUser() {
		api = new ApiClient(port);
		admin = api.signUp(ApiClient.unique("admin"));
		jdbc.sql("UPDATE users SET admin = TRUE WHERE id = ?").param(admin.id()).update();
		bob = api.signUp(ApiClient.unique("bob"));
		// Bob may be the shared server's first account, which sign-up makes an admin.
		jdbc.sql("UPDATE users SET admin = FALSE WHERE id = ?").param(bob.id()).update();
	}

	@Test
	void aUserWhoIsNotAnAdminGets403AndNoFigures() {
		api.createTask(bob, "Private plans");

		ApiClient.Response refused = api.get("/api/admin/overview").as(bob).send().expect(403);

		assertThat(refused.json().path("detail").asString()).isEqualTo("Only an admin can see this.");
		assertThat(refused.body()).doesNotContain(admin.username()).doesNotContain(bob.username());
		api.get("/api/admin/overview").send().expect(401);
	}

	@Test
	void theAdminSeesEachUserWithTasksImagesAndStorageAndTheQueueAndFailures() {
		String task = api.createTask(bob, "Photos").path("id").asString();
		api.createTask(bob, "Second");
		ImageUploads uploads = new ImageUploads(api, port);
		byte[] png = TestImages.png(64, 48);
		String labeled = uploads.attach(bob, task, "a.png", "image/png", png).path("id").asString();
		byte[] broken = TestImages.pngWithGarbagePixels(32, 32);
		String failed = uploads.attach(bob, task, "broken.png", "image/png", broken).path("id").asString();
		uploads.awaitStatus(bob, task, labeled, Set.of("LABELED", "FAILED"), Duration.ofSeconds(60));
		uploads.awaitStatus(bob, task, failed, Set.of("FAILED"), Duration.ofSeconds(60));

		JsonNode overview = api.get("/api/admin/overview").as(admin).send().expect(200).json();

		JsonNode bobsRow = row(overview, bob.username());
		assertThat(bobsRow.path("tasks").asLong()).isEqualTo(2);
		assertThat(bobsRow.path("images").asLong()).isEqualTo(2);
		assertThat(bobsRow.path("storedBytes").asLong()).isEqualTo(png.length + broken.length);
		assertThat(bobsRow.path("admin").asBoolean()).isFalse();
		assertThat(row(overview, admin.username()).path("admin").asBoolean()).isTrue();
		assertThat(row(overview, admin.username()).path("tasks").asLong()).isZero();
		JsonNode failure = overview.path("failures").path(0);
		assertThat(failure.path("attachmentId").asString()).isEqualTo(failed);
		assertThat(failure.path("username").asString()).isEqualTo(bob.username());
		assertThat(failure.path("filename").asString()).isEqualTo("broken.png");
		assertThat(failure.path("reason").asString()).startsWith("the image cannot be read");
		assertThat(overview.path("queue").path("jobs").isNumber()).isTrue();
		assertThat(overview.path("models").isNull()).as("the models are in place").isTrue();
		assertThat(overview.has("unavailable")).as("every store reports").isFalse();
	}

	@Test
	void aJobWaitingForLabelsIsCountedInTheQueue() {
		String task = api.createTask(bob, "Queued").path("id").asString();
		ImageUploads uploads = new ImageUploads(api, port);
		String attachment = uploads.attach(bob, task, "q.png", "image/png", TestImages.png(32, 32)).path("id").asString();
		uploads.awaitStatus(bob, task, attachment, Set.of("LABELED", "FAILED"), Duration.ofSeconds(60));
		long before = queue().path("jobs").asLong();
		// A job far in the future stays in the queue while the test looks.
		jdbc.sql("""
				INSERT INTO labeling_jobs (id, attachment_id, version, attempts, available_at, created_at)
				VALUES (?, ?, 999, 0, 99999999999999, 0)""").param("job-" + attachment).param(attachment).update();

		assertThat(queue().path("jobs").asLong()).isEqualTo(before + 1);
		jdbc.sql("DELETE FROM labeling_jobs WHERE id = ?").param("job-" + attachment).update();
	}

	private JsonNode queue() {
		return api.get("/api/admin/overview").as(admin).send().expect(200).json().path("queue");
	}

	private static JsonNode row(JsonNode overview, String username) {
		for (JsonNode user : overview.path("users")) {
			if (user.path("username").asString().equals(username)) {
				return user;
			}
		}
		throw new AssertionError(username + " is not listed in " + overview.path("users"));
	}

	@Test
	void aDisabledAccountsTokenStopsWorkingAndItCannotSignInUntilEnabled() {
		String bobsTask = api.createTask(bob, "Still mine").path("id").asString();

		api.patch("/api/admin/users/" + bob.id()).as(admin).json(Map.of("disabled", true)).send().expect(204);

		api.get("/api/tasks").as(bob).send().expect(401);
		api.post("/api/token").json(Map.of("username", bob.username(), "password", ApiClient.PASSWORD)).send().expect(401);
		api.patch("/api/admin/users/" + bob.id()).as(admin).json(Map.of("disabled", false)).send().expect(204);
		String token = api.token(bob.username(), ApiClient.PASSWORD);
		assertThat(api.get("/api/tasks/" + bobsTask).bearer(token).send().expect(200).json().path("title").asString())
			.isEqualTo("Still mine");
	}

	@Test
	void anAdminMakesAnotherAdminButCannotChangeTheirOwnAccountAndOthersCannotAtAll() {
		api.patch("/api/admin/users/" + admin.id()).as(bob).json(Map.of("disabled", true)).send().expect(403);
		api.patch("/api/admin/users/" + admin.id()).as(admin).json(Map.of("admin", false)).send().expect(409);
		api.patch("/api/admin/users/no-such-user").as(admin).json(Map.of("admin", true)).send().expect(404);

		api.patch("/api/admin/users/" + bob.id()).as(admin).json(Map.of("admin", true)).send().expect(204);

		assertThat(row(api.get("/api/admin/overview").as(bob).send().expect(200).json(), bob.username()).path("admin")
			.asBoolean()).isTrue();
		api.patch("/api/admin/users/" + bob.id()).as(admin).json(Map.of("admin", false)).send().expect(204);
		api.get("/api/admin/overview").as(bob).send().expect(403);
	}
}
