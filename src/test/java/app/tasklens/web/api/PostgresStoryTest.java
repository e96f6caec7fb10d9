package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.tasklens.TasklensProcess;
import app.tasklens.TestImages;
import app.tasklens.adapter.jdbc.PostgresServer;
import app.tasklens.web.api.ApiClient.User;
import tools.jackson.databind.JsonNode;

/**
 * Tasklens on PostgreSQL, started as a user starts it: its own process with {@code TASKLENS_DATABASE_URL},
 * {@code …_USERNAME}, {@code …_PASSWORD} and {@code …_POOL_SIZE} in the environment, on a new empty database
 * that its Flyway migrates at start. The story over the API: sign up, a task, an image uploaded and labeled by
 * the real detector, found by its label and by search, all of it kept in PostgreSQL (another node with
 * another data folder sees it), and deleting the task takes its rows. A wrong password stops the start with
 * PostgreSQL's reason.
 */
class PostgresStoryTest {

	private static final PostgresServer POSTGRES = PostgresServer.get();

	private static String database;
	private static HikariDataSource direct;
	private static JdbcClient sql;
	private static Path dataDir;
	private static TasklensProcess server;

	@BeforeAll
	static void tasklensOnPostgres() throws Exception {
		database = POSTGRES.newEmptyDatabase();
		direct = POSTGRES.dataSource(database, 2);
		sql = JdbcClient.create(direct);
		dataDir = ApiIntegrationTest.FreshDataDir.newDataDir();
		server = TasklensProcess.start(dataDir, "postgres-story", List.of("-Xmx384m"), environment(3));
	}

	@AfterAll
	static void stop() throws Exception {
		if (server != null) {
			server.close();
		}
		if (direct != null) {
			direct.close();
			POSTGRES.dropDatabase(database);
		}
	}

	private static Map<String, String> environment(int poolSize) {
		Map<String, String> environment = new HashMap<>(POSTGRES.environment(database));
		environment.put("TASKLENS_DATABASE_POOL_SIZE", Integer.toString(poolSize));
		return environment;
	}

	@Test
	void signUpTaskUploadLabeledFoundAndDeletedAllInPostgres() throws Exception {
		ApiClient api = new ApiClient(server.port());
		ImageUploads uploads = new ImageUploads(api, server.port());
		User alice = api.signUp(ApiClient.unique("alice"));
		String task = api.createTask(alice, "Walk the dog").path("id").asString();

		String image = uploads.attach(alice, task, "dog.jpg", "image/jpeg", TestImages.darknet("dog.jpg")).path("id")
			.asString();
		JsonNode labeled = uploads.awaitLabels(alice, task, image);

		assertThat(ImageUploads.labelNames(labeled)).contains("Dog");
		assertThat(api.allTasks(alice, "label=animal")).extracting(t -> t.path("id").asString()).containsExactly(task);
		assertThat(api.allTasks(alice, "q=dogs")).extracting(t -> t.path("id").asString()).containsExactly(task);
		assertThat(sql.sql("SELECT status FROM attachments WHERE id = ?").param(image).query(String.class).single())
			.isEqualTo("LABELED");
		assertThat(sql.sql("SELECT COUNT(*) FROM attachment_label_terms WHERE attachment_id = ? AND term = 'dog'")
			.param(image).query(Long.class).single()).isOne();
		assertThat(Files.exists(dataDir.resolve("tasklens.db"))).as("no SQLite file in the data folder").isFalse();

		// A second node with a data folder of its own, on the same database, knows alice and her labeled image.
		Path otherDataDir = ApiIntegrationTest.FreshDataDir.newDataDir();
		try (TasklensProcess other = TasklensProcess.start(otherDataDir, "postgres-other", List.of("-Xmx384m"),
				environment(2))) {
			ApiClient otherApi = new ApiClient(other.port());
			User again = new User(alice.id(), alice.username(), alice.password(),
					otherApi.token(alice.username(), alice.password()));
			JsonNode seen = new ImageUploads(otherApi, other.port()).get(again, task, image);
			assertThat(seen.path("status").asString()).isEqualTo("LABELED");
			assertThat(ImageUploads.labelNames(seen)).contains("Dog");
		}

		api.deleteTask(alice, task);
		assertThat(api.allTasks(alice, "")).isEmpty();
		assertThat(sql.sql("SELECT COUNT(*) FROM tasks WHERE id = ?").param(task).query(Long.class).single()).isZero();
		assertThat(sql.sql("SELECT COUNT(*) FROM attachments WHERE task_id = ?").param(task).query(Long.class).single())
			.isZero();
		assertThat(sql.sql("SELECT COUNT(*) FROM search_words WHERE task_id = ?").param(task).query(Long.class).single())
			.isZero();
	}

	@Test
	void theNodeKeepsThePoolSizeItIsGiven() {
		// Hikari keeps the pool full: as many connections as the setting, and no more, once it is warm.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(connectionsOfTheNode()).isEqualTo(3));
	}

	@Test
	void aWrongPasswordStopsTheStartWithPostgresqlsReason() throws Exception {
		Map<String, String> wrong = new HashMap<>(environment(2));
		wrong.put("TASKLENS_DATABASE_PASSWORD", "not-the-password");
		Path otherDataDir = ApiIntegrationTest.FreshDataDir.newDataDir();
		try (TasklensProcess refused = TasklensProcess.launch(otherDataDir, "postgres-refused", List.of("-Xmx384m"),
				wrong)) {
			assertThat(refused.process().waitFor(90, TimeUnit.SECONDS)).as("the start ends").isTrue();
			assertThat(refused.process().exitValue()).isNotZero();
			assertThat(refused.log()).contains("password authentication failed for user \"" + PostgresServer.USER + "\"");
		}
	}

	private static long connectionsOfTheNode() {
		return sql.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ? AND application_name = 'tasklens'")
			.param(database)
			.query(Long.class)
			.single();
	}
}
