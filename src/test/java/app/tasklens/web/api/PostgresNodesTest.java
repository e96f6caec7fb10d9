package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKey;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import app.tasklens.TasklensApplication;
import app.tasklens.adapter.jdbc.PostgresServer;
import app.tasklens.web.api.ApiClient.User;
import tools.jackson.databind.JsonNode;

/**
 * Two nodes, each with a data folder of its own, on one PostgreSQL database: the keys are in the database, so
 * a token or a cursor one node made works on the other. Node A was upgraded from a version that kept its
 * token key in {@code <data>/keys/}: that key was imported, so its old tokens stay valid.
 */
class PostgresNodesTest {

	private static final PostgresServer POSTGRES = PostgresServer.get();
	private static final byte[] OLD_TOKEN_KEY = new byte[32];

	private static String database;
	private static ConfigurableApplicationContext nodeA;
	private static ConfigurableApplicationContext nodeB;

	@BeforeAll
	static void twoNodesOnOneDatabase() throws Exception {
		database = POSTGRES.newEmptyDatabase();
		Path upgraded = ApiIntegrationTest.FreshDataDir.newDataDir();
		Arrays.fill(OLD_TOKEN_KEY, (byte) 42);
		Files.createDirectories(upgraded.resolve("keys"));
		Files.write(upgraded.resolve("keys/jwt-hs256.key"), OLD_TOKEN_KEY);
		nodeA = start(upgraded);
		nodeB = start(ApiIntegrationTest.FreshDataDir.newDataDir());
	}

	@AfterAll
	static void stop() {
		for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] { nodeA, nodeB }) {
			if (node != null) {
				node.close();
			}
		}
		if (database != null) {
			POSTGRES.dropDatabase(database);
		}
	}

	@Test
	void aTokenMadeByOneNodeWorksOnTheOther() {
		ApiClient a = client(nodeA);
		ApiClient b = client(nodeB);
		User alice = a.signUp(ApiClient.unique("alice"));
		a.createTask(alice, "Buy milk");

		assertThat(b.allTasks(alice, "limit=10")).extracting(task -> task.path("title").asString())
			.containsExactly("Buy milk");
		String fromB = b.token(alice.username(), alice.password());
		a.get("/api/tasks").bearer(fromB).send().expect(200);
		b.get("/api/tasks").bearer("x" + fromB).send().expect(401);
	}

	@Test
	void aCursorMadeByOneNodeOpensTheNextPageOnTheOther() {
		ApiClient a = client(nodeA);
		ApiClient b = client(nodeB);
		User bob = a.signUp(ApiClient.unique("bob"));
		for (String title : List.of("one", "two", "three")) {
			a.createTask(bob, title);
		}
		List<String> titles = new ArrayList<>();
		JsonNode page = a.get("/api/tasks?limit=1").as(bob).send().expect(200).json();
		page.path("items").forEach(task -> titles.add(task.path("title").asString()));
		for (ApiClient next : List.of(b, a)) {
			String cursor = page.path("nextCursor").asString();
			page = next.get("/api/tasks?limit=1&cursor=" + cursor).as(bob).send().expect(200).json();
			page.path("items").forEach(task -> titles.add(task.path("title").asString()));
		}

		assertThat(titles).containsExactly("three", "two", "one");
	}

	@Test
	void theUpgradedNodesKeyFileBecameEveryNodesKey() {
		assertThat(nodeA.getBean(SecretKey.class).getEncoded()).isEqualTo(OLD_TOKEN_KEY);
		assertThat(nodeB.getBean(SecretKey.class).getEncoded()).isEqualTo(OLD_TOKEN_KEY);
	}

	private static ConfigurableApplicationContext start(Path dataDir) {
		Map<String, String> environment = POSTGRES.environment(database);
		return new SpringApplicationBuilder(TasklensApplication.class).run("--tasklens.data-dir=" + dataDir,
				"--server.port=0", "--tasklens.labeling.background=false",
				"--tasklens.database.url=" + environment.get("TASKLENS_DATABASE_URL"),
				"--tasklens.database.username=" + PostgresServer.USER,
				"--tasklens.database.password=" + PostgresServer.PASSWORD, "--tasklens.database.pool-size=3");
	}

	private static ApiClient client(ConfigurableApplicationContext context) {
		return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
	}
}
