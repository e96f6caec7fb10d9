package app.tasklens.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class TaskTest {

	private static final Instant CREATED = Instant.parse("2026-03-01T09:00:00Z");
	private static final Instant LATER = CREATED.plusSeconds(60);

	private static Task task() {
		return Task.create("owner", "Buy milk", "2 litres", LocalDate.parse("2026-03-10"), CREATED);
	}

	@Test
	void aNewTaskIsOpenWithATrimmedTitleAndBothTimestampsAtCreation() {
		Task task = Task.create("owner", "  Buy milk \n", null, null, CREATED);

		assertThat(task.title()).isEqualTo("Buy milk");
		assertThat(task.body()).isEmpty();
		assertThat(task.done()).isFalse();
		assertThat(task.createdAt()).isEqualTo(CREATED);
		assertThat(task.updatedAt()).isEqualTo(CREATED);
		assertThat(task.isOwnedBy("owner")).isTrue();
		assertThat(task.isOwnedBy("someone else")).isFalse();
	}

	@Test
	void titleIsRequired() {
		for (String blank : new String[] { null, "", "   \t\n" }) {
			assertThatThrownBy(() -> Task.create("owner", blank, "", null, CREATED))
				.isInstanceOfSatisfying(InvalidTaskException.class, ex -> assertThat(ex.field()).isEqualTo("title"));
		}
	}

	@Test
	void titleHoldsAtMost200CharactersCountingCodePoints() {
		assertThat(Task.create("owner", "t".repeat(200), "", null, CREATED).title()).hasSize(200);
		// 200 emoji are 400 UTF-16 units but 200 characters.
		String emoji = "\uD83D\uDC36".repeat(200);
		assertThat(Task.create("owner", emoji, "", null, CREATED).title()).isEqualTo(emoji);

		assertThatThrownBy(() -> Task.create("owner", "t".repeat(201), "", null, CREATED))
			.isInstanceOfSatisfying(InvalidTaskException.class, ex -> assertThat(ex.field()).isEqualTo("title"));
	}

	@Test
	void bodyHoldsAtMost10000Characters() {
		assertThat(Task.create("owner", "t", "b".repeat(10_000), null, CREATED).body()).hasSize(10_000);

		assertThatThrownBy(() -> Task.create("owner", "t", "b".repeat(10_001), null, CREATED))
			.isInstanceOfSatisfying(InvalidTaskException.class, ex -> assertThat(ex.field()).isEqualTo("body"));
	}

	@Test
	void aPatchChangesOnlyTheFieldsItCarriesAndMovesUpdatedAt() {
		Task task = task();

		task.apply(TaskPatch.none().withTitle("Buy oat milk"), LATER);

		assertThat(task.title()).isEqualTo("Buy oat milk");
		assertThat(task.body()).isEqualTo("2 litres");
		assertThat(task.dueDate()).isEqualTo(LocalDate.parse("2026-03-10"));
		assertThat(task.done()).isFalse();
		assertThat(task.createdAt()).isEqualTo(CREATED);
		assertThat(task.updatedAt()).isEqualTo(LATER);
	}

	@Test
	void aPatchCanClearTheDueDateAndMarkDone() {
		Task task = task();

		task.apply(TaskPatch.none().withDueDate(null).withDone(true), LATER);

		assertThat(task.dueDate()).isNull();
		assertThat(task.done()).isTrue();
	}

	@Test
	void aPatchWithOneInvalidFieldChangesNothing() {
		Task task = task();
		TaskPatch patch = TaskPatch.none().withTitle("New title").withBody("b".repeat(10_001))
			.withDueDate(null).withDone(true);

		assertThatThrownBy(() -> task.apply(patch, LATER))
			.isInstanceOfSatisfying(InvalidTaskException.class, ex -> assertThat(ex.field()).isEqualTo("body"));

		assertThat(task.title()).isEqualTo("Buy milk");
		assertThat(task.body()).isEqualTo("2 litres");
		assertThat(task.dueDate()).isEqualTo(LocalDate.parse("2026-03-10"));
		assertThat(task.done()).isFalse();
		assertThat(task.updatedAt()).isEqualTo(CREATED);
	}

	@Test
	void completeAndReopenToggleDoneAndMoveUpdatedAt() {
		Task task = task();

		task.complete(LATER);
		assertThat(task.done()).isTrue();
		assertThat(task.updatedAt()).isEqualTo(LATER);

		task.reopen(LATER.plusSeconds(1));
		assertThat(task.done()).isFalse();
		assertThat(task.updatedAt()).isEqualTo(LATER.plusSeconds(1));
	}

	@Test
	void overdueMeansOpenAndDueBeforeToday() {
		Task task = task();
		LocalDate due = task.dueDate();

		assertThat(task.isOverdue(due.plusDays(1))).isTrue();
		assertThat(task.isOverdue(due)).as("due today is not overdue yet").isFalse();
		assertThat(task.isOverdue(due.minusDays(1))).isFalse();

		task.complete(LATER);
		assertThat(task.isOverdue(due.plusDays(1))).as("a done task is never overdue").isFalse();

		Task undated = Task.create("owner", "t", "", null, CREATED);
		assertThat(undated.isOverdue(LocalDate.MAX)).isFalse();
	}

	@Test
	void aTitleWithANulOrALoneSurrogateIsRefusedAndAnEmojiIsNot() {
		for (String bad : new String[] { "Buy\u0000milk", "Buy milk\uD83D", "\uDC36 dog", "line\nbreak" }) {
			assertThatThrownBy(() -> Task.create("alice", bad, "", null, CREATED)).as("%s", bad)
				.isInstanceOfSatisfying(InvalidTaskException.class, ex -> assertThat(ex.field()).isEqualTo("title"));
		}
		assertThat(Task.create("alice", "Walk the \uD83D\uDC36", "", null, CREATED).title()).isEqualTo("Walk the 🐶");
	}

	@Test
	void aDueDateIsInTheYears1900To9999() {
		assertThat(Task.create("alice", "Old", "", LocalDate.of(1900, 1, 1), CREATED).dueDate()).hasYear(1900);
		assertThat(Task.create("alice", "Far", "", LocalDate.of(9999, 12, 31), CREATED).dueDate()).hasYear(9999);
		for (LocalDate bad : new LocalDate[] { LocalDate.of(1899, 12, 31), LocalDate.of(10000, 1, 1),
				LocalDate.of(-5, 1, 1) }) {
			assertThatThrownBy(() -> Task.create("alice", "Bad", "", bad, CREATED)).as("%s", bad)
				.isInstanceOfSatisfying(InvalidTaskException.class, ex -> assertThat(ex.field()).isEqualTo("dueDate"));
		}
		Task task = Task.create("alice", "Keep", "", LocalDate.of(2026, 3, 31), CREATED);
		assertThatThrownBy(() -> task.apply(TaskPatch.none().withTitle("Changed").withDueDate(LocalDate.of(10000, 1, 1)),
				LATER)).isInstanceOf(InvalidTaskException.class);
		assertThat(task.title()).as("all or nothing").isEqualTo("Keep");
		assertThat(task.dueDate()).isEqualTo(LocalDate.of(2026, 3, 31));
	}

	@Test
	void everyFieldAtFaultIsNamedAtOnceInTheOrderOfTheForm() {
		assertThatThrownBy(() -> Task.create("alice", " ", "b".repeat(10_001), LocalDate.of(10000, 1, 1), CREATED))
			.isInstanceOfSatisfying(InvalidTaskException.class, ex -> {
				assertThat(ex.errors()).containsExactly(
						entry("title", "A title is required."),
						entry("body", "The notes can be at most 10000 characters long."),
						entry("dueDate", "The due date must be in the years 1900 to 9999."));
				assertThat(ex.field()).isEqualTo("title");
			});

		Task task = task();
		assertThatThrownBy(() -> task.apply(TaskPatch.none().withTitle("").withBody("b".repeat(10_001)), LATER))
			.isInstanceOfSatisfying(InvalidTaskException.class,
					ex -> assertThat(ex.errors()).containsOnlyKeys("title", "body"));
		assertThat(task.title()).isEqualTo("Buy milk");
	}
}
