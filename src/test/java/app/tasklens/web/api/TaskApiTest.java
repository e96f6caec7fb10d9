package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import app.tasklens.web.api.ApiClient.User;
import tools.jackson.databind.JsonNode;

/** The task API over real HTTP, on a real SQLite file. */
@ApiIntegrationTest
class TaskApiTest {

	@LocalServerPort
	int port;

	private ApiClient api;

	@BeforeEach
	void client() {
		api = new ApiClient(port);
	}

	@Test
	void aTaskIsCreatedReadChangedAndDeleted() {
		User alice = api.signUp(ApiClient.unique("alice"));

		ApiClient.Response created = api.post("/api/tasks").as(alice)
			.json(Map.of("title", "Buy milk", "body", "2 litres", "dueDate", "2026-03-31")).send().expect(201);
		JsonNode task = created.json();
		String id = task.path("id").asString();
		assertThat(id).matches("[A-Za-z0-9_-]{22}");
		assertThat(created.header("Location")).contains("http://localhost:" + port + "/api/tasks/" + id);
		assertThat(task.path("title").asString()).isEqualTo("Buy milk");
		assertThat(task.path("body").asString()).isEqualTo("2 litres");
		assertThat(task.path("dueDate").asString()).isEqualTo("2026-03-31");
		assertThat(task.path("done").asBoolean()).isFalse();
		Instant createdAt = Instant.parse(task.path("createdAt").asString());
		assertThat(task.path("updatedAt").asString()).isEqualTo(task.path("createdAt").asString());
		assertThat(api.task(alice, id)).as("read back as created").isEqualTo(task);

		JsonNode changed = api.changeTask(alice, id, Map.of("title", "Buy oat milk", "done", true));
		assertThat(changed.path("title").asString()).isEqualTo("Buy oat milk");
		assertThat(changed.path("done").asBoolean()).isTrue();
		assertThat(changed.path("body").asString()).as("left out, so kept").isEqualTo("2 litres");
		assertThat(changed.path("dueDate").asString()).as("left out, so kept").isEqualTo("2026-03-31");
		assertThat(changed.path("createdAt").asString()).isEqualTo(task.path("createdAt").asString());
		assertThat(Instant.parse(changed.path("updatedAt").asString())).isAfterOrEqualTo(createdAt);
		assertThat(api.task(alice, id)).isEqualTo(changed);

		Map<String, Object> clearDueDate = new HashMap<>();
		clearDueDate.put("dueDate", null);
		clearDueDate.put("done", false);
		JsonNode cleared = api.changeTask(alice, id, clearDueDate);
		assertThat(cleared.path("dueDate").isNull()).isTrue();
		assertThat(cleared.path("done").asBoolean()).isFalse();

		api.deleteTask(alice, id);
		api.get("/api/tasks/" + id).as(alice).send().expect(404);
		api.delete("/api/tasks/" + id).as(alice).send().expect(404);
	}

	@Test
	void anInvalidChangeChangesNothing() {
		User alice = api.signUp(ApiClient.unique("carol"));
		JsonNode task = api.createTask(alice, Map.of("title", "Keep me", "dueDate", "2026-03-31"));
		String id = task.path("id").asString();

		Map<String, Object> changes = new HashMap<>();
		changes.put("title", "New title");
		changes.put("dueDate", null);
		changes.put("done", true);
		changes.put("body", "b".repeat(10_001));
		ApiClient.Response refused = api.patch("/api/tasks/" + id).as(alice).json(changes).send().expect(422);

		assertThat(refused.errorFields()).containsExactly("body");
		assertThat(api.task(alice, id)).isEqualTo(task);
	}

	@Test
	void pagesOfTheListWalkAllTasksNewestFirstWithoutGapsOrRepeats() {
		User dave = api.signUp(ApiClient.unique("dave"));
		List<JsonNode> created = new ArrayList<>();
		for (int i = 0; i < 45; i++) {
			created.add(api.createTask(dave, "task " + i));
		}
		// Tasks made within one millisecond are ordered by id, as the cursor is.
		List<String> newestFirst = created.stream()
			.sorted(Comparator.comparing((JsonNode t) -> Instant.parse(t.path("createdAt").asString()))
				.thenComparing(t -> t.path("id").asString()).reversed())
			.map(t -> t.path("id").asString())
			.toList();

		List<String> walked = api.allTasks(dave, "limit=10").stream().map(t -> t.path("id").asString()).toList();

		assertThat(walked).containsExactlyElementsOf(newestFirst);
		JsonNode firstPage = api.get("/api/tasks").as(dave).send().expect(200).json();
		assertThat(firstPage.path("items").size()).as("default limit").isEqualTo(20);
		assertThat(firstPage.path("nextCursor").isString()).isTrue();
		JsonNode everything = api.get("/api/tasks?limit=100").as(dave).send().expect(200).json();
		assertThat(everything.path("items").size()).isEqualTo(45);
		assertThat(everything.path("nextCursor").isNull()).isTrue();
	}

	@Test
	void aCursorWorksOnlyAsTheServerGaveItAndOnlyForTheUserItWasGivenTo() {
		User erin = api.signUp(ApiClient.unique("erin"));
		User frank = api.signUp(ApiClient.unique("frank"));
		for (int i = 0; i < 3; i++) {
			api.createTask(erin, "erin's task " + i);
			api.createTask(frank, "frank's task " + i);
		}
		String cursor = api.get("/api/tasks?limit=1").as(erin).send().expect(200).json().path("nextCursor").asString();
		assertThat(api.get("/api/tasks?limit=1&cursor=" + cursor).as(erin).send().expect(200).json().path("items").size())
			.isEqualTo(1);

		assertThat(api.get("/api/tasks?cursor=" + cursor).as(frank).send().expect(400).errorFields())
			.as("erin's cursor, sent by frank").containsExactly("cursor");
		String position = cursor.substring(0, cursor.lastIndexOf('.'));
		assertThat(api.get("/api/tasks?cursor=" + position).as(erin).send().expect(400).errorFields())
			.as("the bare position, as cursors were before they were sealed").containsExactly("cursor");
		// A position made up by the client (far in the future: "everything"), under the real cursor's seal.
		String forged = java.util.Base64.getUrlEncoder().withoutPadding()
			.encodeToString(("9999999999999|zzzz").getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(api.get("/api/tasks?cursor=" + forged + cursor.substring(cursor.lastIndexOf('.'))).as(erin).send()
			.expect(400).errorFields()).as("another position under a real seal").containsExactly("cursor");
	}

	@Test
	void sortDueWalksEarliestDueDateFirstThenUndatedInGroupsWithItsOwnCursors() {
		User ivy = api.signUp(ApiClient.unique("ivy"));
		LocalDate today = LocalDate.now();
		String undatedOld = api.createTask(ivy, "no date, older").path("id").asString();
		String upcoming = dated(ivy, "next week", today.plusDays(7));
		String overdue = dated(ivy, "yesterday", today.minusDays(1));
		String dueToday = dated(ivy, "today", today);
		String undatedNew = api.createTask(ivy, "no date, newer").path("id").asString();
		String soon = dated(ivy, "tomorrow", today.plusDays(1));

		List<JsonNode> walked = api.allTasks(ivy, "sort=due&limit=2");

		assertThat(walked).extracting(t -> t.path("id").asString())
			.containsExactly(overdue, dueToday, soon, upcoming, undatedNew, undatedOld);
		assertThat(walked).extracting(t -> t.path("dueGroup").asString())
			.containsExactly("OVERDUE", "TODAY", "UPCOMING", "UPCOMING", "NO_DATE", "NO_DATE");
		assertThat(ids(ivy, "sort=newest&limit=2")).as("the default order, spelt out")
			.containsExactly(soon, undatedNew, dueToday, overdue, upcoming, undatedOld);
		assertThat(api.get("/api/tasks?sort=oldest").as(ivy).send().expect(400).errorFields()).containsExactly("sort");
		String newestCursor = api.get("/api/tasks?limit=1").as(ivy).send().expect(200).json().path("nextCursor")
			.asString();
		assertThat(api.get("/api/tasks?sort=due&cursor=" + newestCursor).as(ivy).send().expect(422).errorFields())
			.as("a cursor of the other order").containsExactly("cursor");
	}

	private String dated(User user, String title, LocalDate due) {
		return api.createTask(user, Map.of("title", title, "dueDate", due.toString())).path("id").asString();
	}

	@Test
	void theListFiltersByDoneAndByTextInTitleOrBody() {
		User erin = api.signUp(ApiClient.unique("erin"));
		String milk = api.createTask(erin, "Buy milk").path("id").asString();
		String bread = api.createTask(erin, Map.of("title", "Bakery", "body", "Bread and MILK")).path("id").asString();
		String call = api.createTask(erin, "Call mum").path("id").asString();
		api.changeTask(erin, call, Map.of("done", true));
		api.changeTask(erin, milk, Map.of("done", true));

		assertThat(ids(erin, "done=true")).containsExactlyInAnyOrder(milk, call);
		assertThat(ids(erin, "done=false")).containsExactly(bread);
		assertThat(ids(erin, "q=milk")).containsExactlyInAnyOrder(bread, milk);
		assertThat(ids(erin, "q=milk&done=false")).containsExactly(bread);
		assertThat(ids(erin, "q=nothing-like-this")).isEmpty();
	}

	@Test
	void aStreamedJsonBodyOverTheLimitIsRefusedWith413() {
		User frank = api.signUp(ApiClient.unique("frank"));
		byte[] huge = ("{\"title\":\"x\",\"body\":\"" + "b".repeat(200_000) + "\"}").getBytes();

		api.post("/api/tasks").as(frank).chunked("application/json", huge).send().expect(413);
		api.post("/api/tasks").as(frank).json(new String(huge)).send().expect(413);

		assertThat(api.allTasks(frank, "limit=100")).isEmpty();
	}

	private List<String> ids(User user, String query) {
		return api.allTasks(user, query).stream().map(t -> t.path("id").asString()).toList();
	}

	@Test
	void aSearchForANulIsRefusedInsteadOfMatchingEveryTask() {
		User grace = api.signUp(ApiClient.unique("grace"));
		api.createTask(grace, "Buy milk");
		api.createTask(grace, "Call mum");

		assertThat(api.get("/api/tasks?q=%00").as(grace).send().expect(422).errorFields()).containsExactly("q");
		assertThat(api.get("/api/tasks?q=milk%00").as(grace).send().expect(422).errorFields()).containsExactly("q");
		assertThat(api.allTasks(grace, "q=milk")).hasSize(1);
	}

	@Test
	void aDueDateOutsideTheYears1900To9999OrATitleWithANulIs422() {
		User henry = api.signUp(ApiClient.unique("henry"));

		assertThat(api.post("/api/tasks").as(henry).json(Map.of("title", "Far", "dueDate", "+10000-01-01")).send()
			.status()).isIn(400, 422);
		assertThat(api.post("/api/tasks").as(henry).json(Map.of("title", "Old", "dueDate", "1899-12-31")).send()
			.expect(422).errorFields()).containsExactly("dueDate");
		assertThat(api.post("/api/tasks").as(henry).json(Map.of("title", "Buy\u0000milk")).send().expect(422)
			.errorFields()).containsExactly("title");
		assertThat(api.allTasks(henry, "limit=100")).isEmpty();
	}

	@Test
	void aTaskWithSeveralFieldsAtFaultIsOneProblemListingThemAll() {
		User iris = api.signUp(ApiClient.unique("iris"));

		JsonNode problem = api.post("/api/tasks").as(iris)
			.json(Map.of("title", " ", "body", "b".repeat(10_001), "dueDate", "1899-12-31")).send().expect(422).json();

		assertThat(fieldsAndMessages(problem)).containsExactly(
				"title: A title is required.",
				"body: The notes can be at most 10000 characters long.",
				"dueDate: The due date must be in the years 1900 to 9999.");
		assertThat(problem.path("detail").asString()).contains("A title is required.").contains("1900 to 9999");
		assertThat(api.allTasks(iris, "limit=100")).isEmpty();

		String id = api.createTask(iris, "Keep me").path("id").asString();
		assertThat(api.patch("/api/tasks/" + id).as(iris).json(Map.of("title", "", "dueDate", "1899-12-31")).send()
			.expect(422).errorFields()).containsExactly("title", "dueDate");
		assertThat(api.task(iris, id).path("title").asString()).isEqualTo("Keep me");
	}

	private static List<String> fieldsAndMessages(JsonNode problem) {
		List<String> errors = new ArrayList<>();
		problem.path("errors").forEach(error -> errors.add(error.path("field").asString() + ": "
				+ error.path("message").asString()));
		return errors;
	}
}
