package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.tasklens.TasklensProcess;
import app.tasklens.TestImages;
import app.tasklens.adapter.jdbc.PostgresServer;
import app.tasklens.adapter.s3.S3StandIn;
import app.tasklens.web.api.ApiClient.User;

/**
 * {@code --role web} and {@code --role worker} as separate processes on one PostgreSQL and one bucket of the S3
 * stand-in: the web node takes an upload and never claims its job; a worker, which opens no HTTP port, labels it.
 */
class NodeRolesTest {

	private static final PostgresServer POSTGRES = PostgresServer.get();

	private static String database;
	private static HikariDataSource direct;
	private static Map<String, String> environment;

	@BeforeAll
	static void databaseAndBucket() {
		database = POSTGRES.newEmptyDatabase();
		direct = POSTGRES.dataSource(database, 2);
		environment = new HashMap<>(POSTGRES.environment(database));
		environment.putAll(S3StandIn.get().environment(S3StandIn.get().newBucket("roles")));
		environment.put("TASKLENS_DATABASE_POOL_SIZE", "3");
	}

	@AfterAll
	static void drop() {
		if (direct != null) {
			direct.close();
			POSTGRES.dropDatabase(database);
		}
	}

	@Test
	void aWebNodeNeverClaimsAJobAndAWorkerWithoutAPortLabelsIt() throws Exception {
		JdbcClient sql = JdbcClient.create(direct);
		try (TasklensProcess web = TasklensProcess.start(ApiIntegrationTest.FreshDataDir.newDataDir(), "web",
				List.of("-Xmx384m"), environment, "--role", "web")) {
			ApiClient api = new ApiClient(web.port());
			ImageUploads uploads = new ImageUploads(api, web.port());
			User alice = api.signUp(ApiClient.unique("alice"));
			String task = api.createTask(alice, "Walk the dog").path("id").asString();
			String image = uploads.attach(alice, task, "dog.jpg", "image/jpeg", TestImages.darknet("dog.jpg")).path("id")
				.asString();

			// A node that labels wakes at the commit and claims at once; give the web node far longer.
			Thread.sleep(3000);
			assertThat(sql.sql("SELECT COUNT(*) FROM labeling_jobs WHERE attachment_id = ? AND lease_owner IS NULL")
				.param(image).query(Long.class).single()).as("the job waits, unclaimed").isOne();
			assertThat(uploads.get(alice, task, image).path("status").asString()).isEqualTo("UPLOADED");

			Path workerData = ApiIntegrationTest.FreshDataDir.newDataDir();
			try (TasklensProcess worker = TasklensProcess.launch(workerData, "worker", List.of("-Xmx384m"), environment,
					"--role=worker")) {
				assertThat(uploads.awaitLabels(alice, task, image).path("labels").toString()).contains("Dog");
				assertThat(worker.log()).contains("Tasklens is ready at no HTTP port (a labeling worker)");
				assertThatThrownBy(() -> new Socket("127.0.0.1", worker.port()).close()).as("no HTTP port")
					.isInstanceOf(IOException.class);
				assertThat(worker.isAlive()).isTrue();
				await().atMost(Duration.ofSeconds(5)).until(() -> web.log().contains("Tasklens is ready at http://"));
			}
		}
	}
}
