package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import app.tasklens.web.api.ApiIntegrationTest;
import app.tasklens.task.Task;
import app.tasklens.task.TaskPatch;
import app.tasklens.task.TaskQuery;
import app.tasklens.task.TaskService;

/** My Tasks as plain forms (post, redirect, get) and as htmx fragments, on the real store. */
@ApiIntegrationTest
class TaskPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	TaskService tasks;

	@Test
	void createWithoutJavaScriptRedirectsToTheNewTaskInTheList() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);

		mvc.perform(post("/tasks").session(alice.session()).with(csrf())
			.param("title", "Buy milk").param("body", "Two litres").param("dueDate", "2030-06-30"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/#task-" + onlyTask(alice).id()))
			.andExpect(flash().attribute("message", "Task created."));

		Task task = onlyTask(alice);
		assertThat(task.title()).isEqualTo("Buy milk");
		assertThat(task.body()).isEqualTo("Two litres");
		assertThat(task.dueDate()).isEqualTo(LocalDate.of(2030, 6, 30));
		PageHtml page = page(get("/").session(alice.session()).header("Accept-Language", "en-GB"));
		assertThat(page.text("task-" + task.id())).isEmpty();
		assertThat(page.html()).contains(">Buy milk<").contains(">Two litres<").contains(">30 Jun 2030<");
	}

	/** The browser's date input follows its language; the dates shown next to it follow the same one. */
	@Test
	void shownDatesFollowTheLanguageOfTheRequestLikeTheDateInput() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);
		Task task = tasks.create(alice.id(), "Dentist", "", LocalDate.of(2030, 6, 30));

		assertThat(page(get("/").session(alice.session()).header("Accept-Language", "en-US")).html())
			.contains(">Jun 30, 2030<").doesNotContain(">30 Jun 2030<");
		assertThat(page(get("/").session(alice.session()).header("Accept-Language", "de-DE,de;q=0.9")).html())
			.contains(">30.06.2030<");
		assertThat(page(get("/tasks/" + task.id()).session(alice.session()).header("HX-Request", "true")
			.header("Accept-Language", "fr-FR")).html()).contains(">30 juin 2030<");
	}

	@Test
	void emptyTitleIsRefusedNextToTheFieldKeepingWhatWasTyped() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);

		PageHtml page = page(post("/tasks").session(alice.session()).with(csrf())
			.param("title", "   ").param("body", "keep me").param("dueDate", ""), 422);

		assertThat(page.text("new-title-error")).isEqualTo("A title is required.");
		assertThat(page.tag("new-title")).contains("aria-invalid=\"true\"")
			.contains("aria-describedby=\"new-title-error\"")
			.contains("autofocus");
		assertThat(page.text("new-body")).isEqualTo("keep me");
		assertThat(page.has("new-body-error")).isFalse();
		assertThat(tasks.list(alice.id(), TaskQuery.firstPage(10)).items()).isEmpty();
	}

	@Test
	void badDueDateIsRefusedNextToTheField() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);

		PageHtml page = page(post("/tasks").session(alice.session()).with(csrf()).header("HX-Request", "true")
			.param("title", "Dentist").param("dueDate", "next tuesday"), 422);

		assertThat(page.text("new-due-error")).isEqualTo("The due date must be a date like 2030-06-30.");
		assertThat(page.tag("new-title")).contains("value=\"Dentist\"");
		assertThat(page.html()).as("htmx gets the form alone").doesNotContain("<html");
	}

	@Test
	void everyFieldErrorIsShownAtOnceWithWhatWasTypedAndTheFirstOneFocused() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);
		String longNotes = "n".repeat(Task.MAX_BODY + 1);

		PageHtml page = page(post("/tasks").session(alice.session()).with(csrf())
			.param("title", " ").param("body", longNotes).param("dueDate", "next tuesday"), 422);

		assertThat(page.text("new-title-error")).isEqualTo("A title is required.");
		assertThat(page.text("new-body-error")).isEqualTo("The notes can be at most 10000 characters long.");
		assertThat(page.text("new-due-error")).isEqualTo("The due date must be a date like 2030-06-30.");
		assertThat(page.text("new-body")).isEqualTo(longNotes);
		assertThat(page.tag("new-due")).contains("value=\"next tuesday\"").contains("aria-invalid=\"true\"")
			.doesNotContain("autofocus");
		assertThat(page.tag("new-title")).contains("autofocus");
		assertThat(page.tag("new-body")).contains("aria-invalid=\"true\"").doesNotContain("autofocus");
		assertThat(tasks.list(alice.id(), TaskQuery.firstPage(10)).items()).isEmpty();
	}

	@Test
	void editShowsEveryFieldErrorAtOnceAndChangesNothing() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);
		Task task = tasks.create(alice.id(), "Original", "", null);
		String prefix = "edit-" + task.id();

		PageHtml page = page(post("/tasks/" + task.id()).session(alice.session()).with(csrf()).header("HX-Request", "true")
			.param("title", "t".repeat(Task.MAX_TITLE + 1)).param("body", "kept").param("dueDate", "1899-12-31"), 422);

		assertThat(page.text(prefix + "-title-error")).isEqualTo("The title can be at most 200 characters long.");
		assertThat(page.text(prefix + "-due-error")).isEqualTo("The due date must be in the years 1900 to 9999.");
		assertThat(page.has(prefix + "-body-error")).isFalse();
		assertThat(page.text(prefix + "-body")).isEqualTo("kept");
		assertThat(tasks.get(alice.id(), task.id()).title()).isEqualTo("Original");
	}

	@Test
	void htmxCreateAnswersAFreshFormAndTheNewTaskForTheTopOfTheList() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);

		String body = mvc.perform(post("/tasks").session(alice.session()).with(csrf()).header("HX-Request", "true")
			.param("title", "Call grandma").param("body", "").param("dueDate", ""))
			.andExpect(status().isOk())
			.andExpect(header().string("HX-Trigger", "{\"tasklens:message\":\"Task created.\"}"))
			.andReturn().getResponse().getContentAsString();

		PageHtml fragment = new PageHtml(body);
		assertThat(body).doesNotContain("<html");
		assertThat(fragment.tag("new-title")).doesNotContain("value=\"Call grandma\"");
		assertThat(body).contains("hx-swap-oob=\"afterbegin:#task-list\"");
		assertThat(fragment.text("task-" + onlyTask(alice).id())).isEmpty();
		assertThat(body).contains(">Call grandma<");
	}

	@Test
	void editInvalidTitleShowsTheEditFormWithTheErrorAndKeepsTheTask() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);
		Task task = tasks.create(alice.id(), "Original", "", null);

		PageHtml page = page(post("/tasks/" + task.id()).session(alice.session()).with(csrf())
			.param("title", "").param("body", "changed").param("dueDate", ""), 422);

		assertThat(page.text("edit-" + task.id() + "-title-error")).isEqualTo("A title is required.");
		assertThat(page.text("edit-" + task.id() + "-body")).isEqualTo("changed");
		assertThat(tasks.get(alice.id(), task.id()).title()).isEqualTo("Original");
		assertThat(tasks.get(alice.id(), task.id()).body()).isEmpty();
	}

	@Test
	void editSavesAllFieldsAndCanClearTheDueDate() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);
		Task task = tasks.create(alice.id(), "Original", "old", LocalDate.of(2030, 1, 1));

		mvc.perform(post("/tasks/" + task.id()).session(alice.session()).with(csrf())
			.param("title", "Renamed").param("body", "new").param("dueDate", ""))
			.andExpect(redirectedUrl("/#task-" + task.id()))
			.andExpect(flash().attribute("message", "Task saved."));

		Task saved = tasks.get(alice.id(), task.id());
		assertThat(saved.title()).isEqualTo("Renamed");
		assertThat(saved.body()).isEqualTo("new");
		assertThat(saved.dueDate()).isNull();
	}

	@Test
	void doneToggleCompletesAndReopens() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);
		Task task = tasks.create(alice.id(), "Toggle me", "", null);

		String item = mvc.perform(post("/tasks/" + task.id() + "/done").session(alice.session()).with(csrf())
			.header("HX-Request", "true").param("done", "true"))
			.andExpect(header().string("HX-Trigger", "{\"tasklens:message\":\"Task completed.\"}"))
			.andReturn().getResponse().getContentAsString();
		assertThat(tasks.get(alice.id(), task.id()).done()).isTrue();
		assertThat(new PageHtml(item).tag("task-" + task.id())).contains("is-done");

		mvc.perform(post("/tasks/" + task.id() + "/done").session(alice.session()).with(csrf()).param("done", "false"))
			.andExpect(redirectedUrl("/#task-" + task.id()));
		assertThat(tasks.get(alice.id(), task.id()).done()).isFalse();
	}

	@Test
	void deleteWithoutJavaScriptAsksOnAPageOfItsOwnThenDeletes() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);
		Task task = tasks.create(alice.id(), "Old errand", "", null);

		PageHtml confirm = page(get("/tasks/" + task.id() + "/delete").session(alice.session()));
		assertThat(confirm.html()).contains("Delete this task?").contains(">Old errand<")
			.contains("action=\"/tasks/" + task.id() + "/delete\"");

		mvc.perform(post("/tasks/" + task.id() + "/delete").session(alice.session()).with(csrf()))
			.andExpect(redirectedUrl("/"))
			.andExpect(flash().attribute("message", "Task deleted."));
		assertThat(tasks.list(alice.id(), TaskQuery.firstPage(10)).items()).isEmpty();
	}

	@Test
	void listShowsNewestFirstWithSearchDoneFilterAndEmptyState() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);
		assertThat(page(get("/").session(alice.session())).html()).contains("No tasks yet.");
		Task older = tasks.create(alice.id(), "Alpha errand", "", null);
		Task newer = tasks.create(alice.id(), "Beta errand", "", null);
		tasks.update(alice.id(), older.id(), TaskPatch.none().withDone(true));

		String all = page(get("/").session(alice.session())).html();
		assertThat(all.indexOf("task-" + newer.id())).isLessThan(all.indexOf("task-" + older.id()));

		String search = page(get("/").param("q", "alpha").session(alice.session())).html();
		assertThat(search).contains("task-" + older.id()).doesNotContain("task-" + newer.id());

		String open = page(get("/").param("done", "false").session(alice.session())).html();
		assertThat(open).contains("task-" + newer.id()).doesNotContain("task-" + older.id());

		String none = page(get("/").param("q", "nothing like this").session(alice.session())).html();
		assertThat(none).contains("No tasks match.");
	}

	@Test
	void loadMoreContinuesAfterTheLastTaskShown() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);
		List<String> ids = IntStream.rangeClosed(1, TaskQuery.DEFAULT_LIMIT + 1)
			.mapToObj(n -> tasks.create(alice.id(), "Errand " + n, "", null).id())
			.toList();

		PageHtml first = page(get("/").session(alice.session()));
		List<String> shown = ids.stream().filter(id -> first.has("task-" + id)).toList();
		assertThat(shown).hasSize(TaskQuery.DEFAULT_LIMIT);
		String more = first.attribute("load-more", "href");

		PageHtml next = page(get(more).header("HX-Request", "true").session(alice.session()));
		List<String> rest = ids.stream().filter(id -> next.has("task-" + id)).toList();
		assertThat(rest).hasSize(1).doesNotContainAnyElementsOf(shown);
		assertThat(next.has("load-more")).as("the last page").isFalse();
		assertThat(next.html()).as("htmx gets the list alone").doesNotContain("<html");
	}

	@Test
	void addTaskIsOneClosedRowOnceThereAreTasksAndOpensForTheFirstOneOrAnError() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);
		assertThat(page(get("/").session(alice.session())).tag("new-task")).as("no tasks yet").contains(" open");

		tasks.create(alice.id(), "First", "", null);
		PageHtml page = page(get("/").session(alice.session()));
		assertThat(page.tag("new-task")).startsWith("<details").doesNotContain(" open");
		assertThat(page.text("new-task-summary")).isEmpty();
		assertThat(page.html()).contains("Add task</summary>");
		assertThat(page.tag("create-form")).as("htmx sends the order along").contains("hx-include=\"#filters\"");
		assertThat(page(get("/").param("q", "nothing like this").session(alice.session())).tag("new-task"))
			.as("no match is not no tasks").doesNotContain(" open");

		PageHtml refused = page(post("/tasks").session(alice.session()).with(csrf()).param("title", " "), 422);
		assertThat(refused.tag("new-task")).contains(" open");
	}

	@Test
	void dueOrderGroupsTasksUnderOverdueTodayUpcomingAndNoDateAcrossPages() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);
		LocalDate today = tasks.today();
		Task undated = tasks.create(alice.id(), "Someday", "", null);
		Task upcoming = tasks.create(alice.id(), "Next week", "", today.plusDays(7));
		Task dueToday = tasks.create(alice.id(), "Today's", "", today);
		Task overdue = tasks.create(alice.id(), "Late", "", today.minusDays(2));
		List<String> later = IntStream.rangeClosed(1, TaskQuery.DEFAULT_LIMIT)
			.mapToObj(n -> tasks.create(alice.id(), "Upcoming " + n, "", today.plusDays(10)).id())
			.toList();

		PageHtml first = page(get("/").param("sort", "due").session(alice.session()));
		String html = first.html();
		assertThat(first.tag("sort")).isNotNull();
		assertThat(html).contains("<option value=\"due\" selected=\"selected\">By due date</option>");
		assertThat(headings(html)).containsExactly("Overdue", "Today", "Upcoming");
		assertThat(html.indexOf("task-" + overdue.id())).isLessThan(html.indexOf("task-" + dueToday.id()));
		assertThat(html.indexOf("task-" + dueToday.id())).isLessThan(html.indexOf("task-" + upcoming.id()));
		assertThat(html).doesNotContain("task-" + undated.id());
		String more = first.attribute("load-more", "href");
		assertThat(more).contains("sort=due");

		PageHtml next = page(get(more).header("HX-Request", "true").session(alice.session()));
		assertThat(headings(next.html())).as("Upcoming goes on without a second heading").containsExactly("No date");
		assertThat(next.has("task-" + undated.id())).isTrue();
		assertThat(next.has("task-" + later.get(0))).isTrue();
		assertThat(headings(page(get("/").session(alice.session())).html())).as("newest first has no groups").isEmpty();
	}

	@Test
	void aTaskCreatedInTheDueOrderBringsTheListWithTheTaskInItsGroup() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);
		LocalDate today = tasks.today();
		Task late = tasks.create(alice.id(), "Late", "", today.minusDays(1));

		String body = mvc.perform(post("/tasks").session(alice.session()).with(csrf()).header("HX-Request", "true")
			.param("title", "Later").param("dueDate", today.plusDays(3).toString()).param("sort", "due"))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();

		PageHtml answer = new PageHtml(body);
		assertThat(answer.tag("results")).contains("hx-swap-oob=\"true\"");
		assertThat(headings(body)).containsExactly("Overdue", "Upcoming");
		assertThat(body.indexOf("task-" + late.id())).isLessThan(body.indexOf(">Later<"));
		assertThat(answer.has("create-form")).isTrue();
	}

	@Test
	void filterLinksLeadToTheListAndTheLabelFilterIsClearedByName() throws Exception {
		SignedInUser alice = SignedInUser.signUp(mvc);
		tasks.create(alice.id(), "Walk", "", null);

		PageHtml page = page(get("/").param("label", "dog").param("sort", "due").session(alice.session()));

		assertThat(page.html()).contains("<a href=\"/?sort=due#tasks\">Clear label filter</a>")
			.doesNotContain("Show all labels")
			.contains("<section id=\"tasks\"");
		assertThat(page.tag("filters")).contains("action=\"/#tasks\"");
	}

	private static List<String> headings(String html) {
		return java.util.regex.Pattern.compile("<h3\\s+class=\"task-group-heading\">([^<]*)</h3>").matcher(html)
			.results().map(match -> match.group(1)).toList();
	}

	private Task onlyTask(SignedInUser user) {
		var items = tasks.list(user.id(), TaskQuery.firstPage(10)).items();
		assertThat(items).hasSize(1);
		return items.get(0);
	}

	private PageHtml page(RequestBuilder request) throws Exception {
		return page(request, 200);
	}

	private PageHtml page(RequestBuilder request, int status) throws Exception {
		return new PageHtml(mvc.perform(request).andExpect(status().is(status)).andReturn().getResponse()
			.getContentAsString());
	}
}
