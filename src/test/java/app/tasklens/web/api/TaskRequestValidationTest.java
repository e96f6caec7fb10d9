package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import app.tasklens.account.User;
import app.tasklens.adapter.jdbc.SqliteStore;
import app.tasklens.task.CursorSeal;
import app.tasklens.task.TaskService;
import app.tasklens.task.Tasks;
import app.tasklens.web.SecuritySlice;

/**
 * Web slice: what the task endpoints accept and the problem each refusal answers. The controller runs
 * with the real task service and store, so an accepted request really is stored.
 */
@WebMvcTest(TaskController.class)
@Import({ TaskService.class, SecuritySlice.class, TaskRequestValidationTest.Store.class })
class TaskRequestValidationTest {

	private static final String USER_ID = "slice-user-id";

	@TestConfiguration(proxyBeanMethods = false)
	static class Store {

		@Bean(destroyMethod = "close")
		SqliteStore sqliteStore() {
			SqliteStore store = SqliteStore.open(ApiIntegrationTest.FreshDataDir.newDataDir());
			store.users().add(new User(USER_ID, "slice", "{noop}unused", Instant.EPOCH));
			return store;
		}

		@Bean
		Tasks tasks(SqliteStore store) {
			return store.tasks();
		}

		@Bean
		CursorSeal cursorSeal() {
			return new CursorSeal(new byte[32]);
		}
	}

	@Autowired
	MockMvcTester mvc;

	private static RequestPostProcessor signedIn() {
		return jwt().jwt(token -> token.subject(USER_ID).claim("name", "slice"));
	}

	private MvcTestResult create(String json) {
		return mvc.post().uri("/api/tasks").with(signedIn()).contentType(MediaType.APPLICATION_JSON).content(json)
			.exchange();
	}

	private static void assertProblem(MvcTestResult result, int status, String field) {
		assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status);
		if (field != null) {
			assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly(field);
		}
	}

	@Test
	void aTitleOf200CharactersIsAcceptedAnd201IsRefusedWithTheTitleField() {
		assertThat(create("{\"title\":\"" + "t".repeat(200) + "\"}")).hasStatus(201);

		assertProblem(create("{\"title\":\"" + "t".repeat(201) + "\"}"), 422, "title");
		assertProblem(create("{\"title\":\"   \"}"), 422, "title");
		assertProblem(create("{\"body\":\"no title\"}"), 422, "title");
	}

	@Test
	void aBodyOf10000CharactersIsAcceptedAnd10001IsRefusedWithTheBodyField() {
		assertThat(create("{\"title\":\"t\",\"body\":\"" + "b".repeat(10_000) + "\"}")).hasStatus(201);

		assertProblem(create("{\"title\":\"t\",\"body\":\"" + "b".repeat(10_001) + "\"}"), 422, "body");
	}

	@Test
	void aDueDateThatIsNotAnIsoDateIsRefusedWithTheDueDateField() {
		assertThat(create("{\"title\":\"t\",\"dueDate\":\"2028-02-29\"}")).hasStatus(201);

		for (String bad : new String[] { "\"2026-02-30\"", "\"tomorrow\"", "\"31/03/2026\"", "20260331", "{}" }) {
			MvcTestResult result = create("{\"title\":\"t\",\"dueDate\":" + bad + "}");
			assertThat(result.getResponse().getStatus()).as(bad).isEqualTo(422);
			assertProblem(result, 422, "dueDate");
		}
	}

	@Test
	void aFieldOfTheWrongTypeIsRefusedWithThatField() {
		assertProblem(create("{\"title\":[\"a\"]}"), 422, "title");
		assertProblem(mvc.patch().uri("/api/tasks/any").with(signedIn()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"done\":\"maybe\"}").exchange(), 422, "done");
		assertProblem(mvc.patch().uri("/api/tasks/any").with(signedIn()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"dueDate\":20260331}").exchange(), 422, "dueDate");
	}

	@Test
	void queryParametersOutOfRangeOrMalformedAre400WithTheParameter() {
		assertThat(mvc.get().uri("/api/tasks?limit=100").with(signedIn()).exchange()).hasStatus(200);

		assertProblem(mvc.get().uri("/api/tasks?limit=101").with(signedIn()).exchange(), 400, "limit");
		assertProblem(mvc.get().uri("/api/tasks?limit=0").with(signedIn()).exchange(), 400, "limit");
		assertProblem(mvc.get().uri("/api/tasks?limit=ten").with(signedIn()).exchange(), 400, "limit");
		assertProblem(mvc.get().uri("/api/tasks?cursor=not-a-cursor").with(signedIn()).exchange(), 400, "cursor");
		assertProblem(mvc.get().uri("/api/tasks?done=maybe").with(signedIn()).exchange(), 400, "done");
	}

	@Test
	void aBodyThatIsNotAJsonObjectIs400() {
		assertProblem(create("{\"title\": "), 400, null);
		assertProblem(create("[]"), 400, null);
		assertProblem(create(""), 400, null);
		assertProblem(mvc.post().uri("/api/tasks").with(signedIn()).exchange(), 400, null);
	}

	@Test
	void aBodyThatIsNotJsonIs415() {
		assertProblem(mvc.post().uri("/api/tasks").with(signedIn()).contentType(MediaType.TEXT_PLAIN)
			.content("title=x").exchange(), 415, null);
		assertProblem(mvc.post().uri("/api/tasks").with(signedIn())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED).content("title=x").exchange(), 415, null);
	}

	@Test
	void aPatchAcceptsJsonMergePatchToo() {
		String location = create("{\"title\":\"before\"}").getResponse().getHeader(HttpHeaders.LOCATION);

		MvcTestResult patched = mvc.patch().uri(location).with(signedIn())
			.contentType(MediaType.parseMediaType(TaskController.MERGE_PATCH_JSON)).content("{\"title\":\"after\"}")
			.exchange();

		assertThat(patched).hasStatus(200).bodyJson().extractingPath("$.title").isEqualTo("after");
	}

	@Test
	void aPatchThatSetsTitleOrDoneToNullIs422() {
		String location = create("{\"title\":\"keep\"}").getResponse().getHeader(HttpHeaders.LOCATION);

		assertProblem(mvc.patch().uri(location).with(signedIn()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"title\":null}").exchange(), 422, "title");
		assertProblem(mvc.patch().uri(location).with(signedIn()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"done\":null}").exchange(), 422, "done");
		assertThat(mvc.get().uri(location).with(signedIn()).exchange()).bodyJson().extractingPath("$.title")
			.isEqualTo("keep");
	}

	@Test
	void aJsonBodyOverTheLimitIs413BeforeItIsRead() {
		String big = "{\"title\":\"t\",\"body\":\"" + "b".repeat(140_000) + "\"}";

		assertProblem(create(big), 413, null);
	}
}
