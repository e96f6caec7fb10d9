package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import app.tasklens.TasklensApplication;
import app.tasklens.web.api.ApiClient.User;
import tools.jackson.databind.JsonNode;

/** Everything lives in the data directory: a server started again on it finds users, tasks and its token key (in the database). */
class RestartTest {

	@Test
	void usersTasksAndTokensSurviveARestart() throws Exception {
		Path dataDir = ApiIntegrationTest.FreshDataDir.newDataDir();
		User alice;
		List<JsonNode> before;
		try (ConfigurableApplicationContext first = start(dataDir)) {
			ApiClient api = client(first);
			alice = api.signUp("alice");
			api.createTask(alice, Map.of("title", "Buy milk", "body", "2 litres", "dueDate", "2026-03-31"));
			String done = api.createTask(alice, "Call mum").path("id").asString();
			api.changeTask(alice, done, Map.of("done", true));
			before = api.allTasks(alice, "limit=100");
		}
		assertThat(Files.size(dataDir.resolve("tasklens.db"))).as("the data went to the data dir").isPositive();
		assertThat(dataDir.resolve("keys")).as("the keys are in the database, not in files").doesNotExist();

		try (ConfigurableApplicationContext second = start(dataDir)) {
			ApiClient api = client(second);

			assertThat(api.allTasks(alice, "limit=100")).as("the old token still works, tasks unchanged")
				.containsExactlyElementsOf(before);
			assertThat(api.token("alice", ApiClient.PASSWORD)).isNotBlank();
			api.post("/api/users").json(Map.of("username", "alice", "password", ApiClient.PASSWORD)).send().expect(409);
		}
	}

	private static ConfigurableApplicationContext start(Path dataDir) {
		// As arguments, which override application.properties (builder properties would not).
		return new SpringApplicationBuilder(TasklensApplication.class)
			.run("--tasklens.data-dir=" + dataDir, "--server.port=0");
	}

	private static ApiClient client(ConfigurableApplicationContext context) {
		return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
	}
}
