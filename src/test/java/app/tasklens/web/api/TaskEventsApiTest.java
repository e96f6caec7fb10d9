package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import app.tasklens.web.api.ApiClient.User;

/**
 * The event stream tells the owner's clients about every task created, changed and deleted, whoever made the
 * change, and tells other users nothing; a refused change is no event.
 */
@ApiIntegrationTest
class TaskEventsApiTest {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@Test
	void theOwnersStreamHearsOfCreatedChangedAndDeletedTasksAndAnotherUsersHearsNothing() throws Exception {
		ApiClient api = new ApiClient(port);
		User alice = api.signUp(ApiClient.unique("alice"));
		User bob = api.signUp(ApiClient.unique("bob"));
		try (EventStream alices = events(alice); EventStream bobs = events(bob)) {
			JsonNode created = api.createTask(alice, "Buy milk");
			String id = created.path("id").asString();
			EventStream.Event createdEvent = alices.next("task", WAIT);
			assertThat(task(createdEvent)).isEqualTo(id + " created");
			assertThat(version(createdEvent)).as("the version is the task's updatedAt")
				.isEqualTo(Instant.parse(created.path("updatedAt").asString()).toEpochMilli());

			Thread.sleep(5); // a later millisecond, so the version must move
			api.changeTask(alice, id, Map.of("done", true));
			EventStream.Event changedEvent = alices.next("task", WAIT);
			assertThat(task(changedEvent)).isEqualTo(id + " changed");
			assertThat(version(changedEvent)).isGreaterThan(version(createdEvent));

			api.patch("/api/tasks/" + id).as(alice).json(Map.of("title", " ")).send().expect(422);
			api.deleteTask(alice, id);
			assertThat(task(alices.next("task", WAIT))).as("the refused change sent nothing").isEqualTo(id + " deleted");

			assertThat(bobs.next(Duration.ofSeconds(1))).as("Bob hears nothing of Alice's tasks").isNull();
			String bobs1 = api.createTask(bob, "Walk the dog").path("id").asString();
			assertThat(task(bobs.next("task", WAIT))).isEqualTo(bobs1 + " created");
			assertThat(alices.next(Duration.ofSeconds(1))).as("nor Alice of Bob's").isNull();
		}
	}

	private EventStream events(User user) throws Exception {
		return EventStream.open(URI.create("http://localhost:" + port + "/api/events"),
				Map.of("Authorization", "Bearer " + user.token()));
	}

	private static long version(EventStream.Event event) {
		return event.json().path("version").asLong();
	}

	private static String task(EventStream.Event event) {
		JsonNode data = event.json();
		return data.path("taskId").asString() + " " + data.path("change").asString();
	}
}
