package app.tasklens.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.tasklens.account.User;
import app.tasklens.task.Task;
import app.tasklens.task.TaskPage;
import app.tasklens.task.TaskPatch;
import app.tasklens.task.TaskQuery;
import app.tasklens.task.Tasks;

/** What every adapter of {@link Tasks} does; a subclass per adapter says how to open its store. */
public abstract class TasksContract {

	private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

	private StoreFixture store;
	private Tasks tasks;

	protected abstract StoreFixture open();

	@BeforeEach
	void openStore() {
		store = open();
		tasks = store.tasks();
		for (String owner : new String[] { "alice", "bob" }) {
			store.users().add(new User(owner, owner, "{noop}unused", T0));
		}
	}

	@AfterEach
	void closeStore() {
		store.close();
	}

	private Task add(String owner, String title, String body, Instant createdAt) {
		Task task = Task.create(owner, title, body, null, createdAt);
		tasks.add(task);
		return task;
	}

	@Test
	void aStoredTaskReadsBackFieldByFieldAndOnlyForItsOwner() {
		Task task = Task.create("alice", "Buy milk", "2 litres", LocalDate.parse("2026-03-10"), T0);
		tasks.add(task);

		Task read = tasks.find("alice", task.id()).orElseThrow();
		assertThat(read).usingRecursiveComparison().isEqualTo(task);
		assertThat(tasks.find("bob", task.id())).isEmpty();
	}

	@Test
	void updateAndDeleteReachOnlyTheOwnersTask() {
		Task task = add("alice", "Buy milk", "", T0);
		Task forged = Task.restore(task.id(), "bob", "Hijacked", "", null, true, T0, T0.plusSeconds(1));

		tasks.update(forged);
		assertThat(tasks.delete("bob", task.id())).isFalse();

		assertThat(tasks.find("alice", task.id()).orElseThrow().title()).isEqualTo("Buy milk");
		assertThat(tasks.find("bob", task.id())).isEmpty();
		task.apply(TaskPatch.none().withDone(true).withDueDate(LocalDate.parse("2026-04-01")), T0.plusSeconds(2));
		tasks.update(task);
		assertThat(tasks.find("alice", task.id()).orElseThrow()).usingRecursiveComparison().isEqualTo(task);
		assertThat(tasks.delete("alice", task.id())).isTrue();
		assertThat(tasks.find("alice", task.id())).isEmpty();
	}

	@Test
	void anUpdateAfterTheDeleteDoesNotBringTheTaskBack() {
		Task task = add("alice", "Buy milk", "", T0);
		tasks.delete("alice", task.id());

		task.complete(T0.plusSeconds(1));
		tasks.update(task);

		assertThat(tasks.find("alice", task.id())).isEmpty();
	}

	@Test
	void pagesWalkNewestFirstWithoutGapsOrRepeatsEvenWithinOneMillisecond() {
		List<Task> added = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			// Groups of five share a creation time: the id breaks the tie.
			added.add(add("alice", "task " + i, "", T0.plusMillis(i / 5)));
		}
		add("bob", "not alice's", "", T0.plusSeconds(10));
		List<String> expected = added.stream()
			.sorted(Comparator.comparing(Task::createdAt).thenComparing(Task::id).reversed())
			.map(Task::id).toList();

		List<String> walked = new ArrayList<>();
		TaskQuery.Cursor cursor = null;
		int pages = 0;
		do {
			TaskPage page = tasks.list("alice", new TaskQuery(null, null, null, cursor, 7));
			page.items().forEach(task -> walked.add(task.id()));
			cursor = page.nextCursor() == null ? null : TaskQuery.Cursor.parse(page.nextCursor());
			pages++;
		}
		while (cursor != null);

		assertThat(walked).containsExactlyElementsOf(expected);
		assertThat(pages).isEqualTo(4);
	}

	@Test
	void pagesInDueOrderWalkEarliestFirstThenUndatedWithoutGapsOrRepeats() {
		LocalDate day = LocalDate.parse("2026-03-10");
		List<String> expected = new ArrayList<>();
		List<Task> added = new ArrayList<>();
		for (int i = 0; i < 23; i++) {
			// Dates repeat, some tasks share a creation time, every fourth has no date; two are done.
			LocalDate due = i % 4 == 3 ? null : day.plusDays((i * 7) % 5);
			Task task = Task.create("alice", "task " + i, "", due, T0.plusMillis(i / 3));
			if (i % 9 == 0) {
				task.complete(T0.plusSeconds(1));
			}
			tasks.add(task);
			added.add(task);
		}
		tasks.add(Task.create("bob", "not alice's", "", day.minusDays(3), T0));
		added.stream()
			.sorted(Comparator.comparing(Task::dueDate, Comparator.nullsLast(Comparator.<LocalDate>naturalOrder()))
				.thenComparing(Comparator.comparing(Task::createdAt).thenComparing(Task::id).reversed()))
			.forEach(task -> expected.add(task.id()));

		List<String> walked = new ArrayList<>();
		TaskQuery.Cursor cursor = null;
		do {
			TaskPage page = tasks.list("alice", new TaskQuery(null, null, null, cursor, 4, TaskQuery.Sort.DUE));
			page.items().forEach(task -> walked.add(task.id()));
			cursor = page.nextCursor() == null ? null : TaskQuery.Cursor.parse(page.nextCursor());
		}
		while (cursor != null);

		assertThat(walked).containsExactlyElementsOf(expected);
		List<String> open = new ArrayList<>();
		cursor = null;
		do {
			TaskPage page = tasks.list("alice", new TaskQuery(false, null, null, cursor, 3, TaskQuery.Sort.DUE));
			page.items().forEach(task -> open.add(task.id()));
			cursor = page.nextCursor() == null ? null : TaskQuery.Cursor.parse(page.nextCursor());
		}
		while (cursor != null);
		assertThat(open).containsExactlyElementsOf(
				expected.stream().filter(id -> added.stream().anyMatch(t -> t.id().equals(id) && !t.done())).toList());
	}

	@Test
	void theLastFullPageHasNoNextCursor() {
		for (int i = 0; i < 4; i++) {
			add("alice", "task " + i, "", T0.plusMillis(i));
		}

		assertThat(tasks.list("alice", TaskQuery.firstPage(4)).nextCursor()).isNull();
		assertThat(tasks.list("alice", TaskQuery.firstPage(3)).nextCursor()).isNotNull();
	}

	@Test
	void filteredPagesWalkWithoutGapsOrRepeats() {
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			Task task = add("alice", (i % 3 == 0 ? "Milk " : "Bread ") + i, "", T0.plusMillis(i));
			if (i % 3 == 0) {
				expected.add(0, task.id());
			}
		}

		List<String> walked = new ArrayList<>();
		TaskQuery.Cursor cursor = null;
		do {
			TaskPage page = tasks.list("alice", new TaskQuery(null, "milk", null, cursor, 3));
			page.items().forEach(task -> walked.add(task.id()));
			cursor = page.nextCursor() == null ? null : TaskQuery.Cursor.parse(page.nextCursor());
		}
		while (cursor != null);

		assertThat(walked).containsExactlyElementsOf(expected);
	}

	@Test
	void filtersByDoneAndByTextInTitleOrBodyIgnoringCase() {
		Task milk = add("alice", "Buy MILK", "", T0);
		Task bread = add("alice", "Bakery", "a loaf of bread and milk", T0.plusMillis(1));
		Task done = add("alice", "Call mum", "", T0.plusMillis(2));
		done.complete(T0.plusMillis(3));
		tasks.update(done);

		assertThat(titles(new TaskQuery(true, null, null, null, 20))).containsExactly("Call mum");
		assertThat(titles(new TaskQuery(false, null, null, null, 20))).containsExactly(bread.title(), milk.title());
		assertThat(titles(new TaskQuery(null, "milk", null, null, 20))).containsExactly(bread.title(), milk.title());
		assertThat(titles(new TaskQuery(false, "LOAF", null, null, 20))).containsExactly(bread.title());
	}

	@Test
	void aTextInsideAWordIgnoresTheCaseOfAToZAndKeepsOtherLettersAsTyped() {
		add("alice", "GRUNDSTÜCK kaufen", "", T0);
		add("alice", "Straße", "", T0.plusMillis(1));

		// Inside a word, so only the substring finds it (the words start elsewhere): every store lowers A–Z
		// alike, while SQLite's LOWER leaves Ü as it is and PostgreSQL's, under a UTF-8 locale, does not.
		assertThat(titles(new TaskQuery(null, "ndstÜck", null, null, 20))).containsExactly("GRUNDSTÜCK kaufen");
		assertThat(titles(new TaskQuery(null, "RAß", null, null, 20))).containsExactly("Straße");
	}

	@Test
	void searchTextIsLiteralNotALikePattern() {
		add("alice", "100% done", "", T0);
		add("alice", "1000 done", "", T0.plusMillis(1));
		add("alice", "snake_case", "", T0.plusMillis(2));
		add("alice", "snakeXcase", "", T0.plusMillis(3));
		add("alice", "back\\slash", "", T0.plusMillis(4));

		assertThat(titles(new TaskQuery(null, "0%", null, null, 20))).containsExactly("100% done");
		assertThat(titles(new TaskQuery(null, "e_c", null, null, 20))).containsExactly("snake_case");
		assertThat(titles(new TaskQuery(null, "k\\s", null, null, 20))).containsExactly("back\\slash");
	}

	@Test
	void searchFindsTheWordsOfTitleAndNotesInSimpleFormsAndInAnyOrder() {
		add("alice", "Walk the dogs", "around the park", T0);
		add("alice", "Bake", "berries, cookies and Crème fraîche", T0.plusMillis(1));
		add("bob", "Walk bob's dog", "", T0.plusMillis(2));

		assertThat(titles(new TaskQuery(null, "dog", null, null, 20))).containsExactly("Walk the dogs");
		assertThat(titles(new TaskQuery(null, "park walk", null, null, 20))).containsExactly("Walk the dogs");
		assertThat(titles(new TaskQuery(null, "berry cookie", null, null, 20))).containsExactly("Bake");
		assertThat(titles(new TaskQuery(null, "creme", null, null, 20))).containsExactly("Bake");
		assertThat(titles(new TaskQuery(null, "cookie cat", null, null, 20))).isEmpty();
	}

	@Test
	void searchFollowsAnUpdateAndAForgedOneChangesNothing() {
		Task task = add("alice", "Walk the dogs", "", T0);
		task.apply(TaskPatch.none().withTitle("Feed the cats"), T0.plusSeconds(1));
		tasks.update(task);
		tasks.update(Task.restore(task.id(), "bob", "Hijacked horses", "", null, false, T0, T0.plusSeconds(2)));

		assertThat(titles(new TaskQuery(null, "dog", null, null, 20))).isEmpty();
		assertThat(titles(new TaskQuery(null, "cat", null, null, 20))).containsExactly("Feed the cats");
		assertThat(titles(new TaskQuery(null, "horse", null, null, 20))).isEmpty();
		assertThat(tasks.list("bob", new TaskQuery(null, "horse", null, null, 20)).items()).isEmpty();
	}

	private List<String> titles(TaskQuery query) {
		return tasks.list("alice", query).items().stream().map(Task::title).toList();
	}
}
