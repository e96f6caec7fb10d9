package app.tasklens.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class TaskQueryTest {

	@Test
	void aCursorSurvivesItsTextForm() {
		TaskQuery.Cursor cursor = new TaskQuery.Cursor(Instant.parse("2026-03-01T09:00:00.123Z"), "qJ3xq0nY5r9KcZ1d2e3f4g");

		String text = cursor.encode();

		assertThat(text).matches("[A-Za-z0-9_-]+");
		assertThat(TaskQuery.Cursor.parse(text)).isEqualTo(cursor);
	}

	@Test
	void aCursorPointsAtTheLastTaskOfAPage() {
		Task task = Task.create("owner", "t", "", null, Instant.parse("2026-03-01T09:00:00Z"));

		assertThat(TaskQuery.Cursor.of(task)).isEqualTo(new TaskQuery.Cursor(task.createdAt(), task.id()));
	}

	@Test
	void textThatIsNotACursorIsRefusedAsTheCursorField() {
		for (String bad : new String[] { "", "!!!", "bm90LWEtY3Vyc29y", "YWJjfGlk", "%%%" }) {
			assertThatThrownBy(() -> TaskQuery.Cursor.parse(bad)).as(bad)
				.isInstanceOfSatisfying(InvalidTaskException.class, ex -> assertThat(ex.field()).isEqualTo("cursor"));
		}
	}

	@Test
	void limitIsBetweenOneAndOneHundred() {
		assertThat(TaskQuery.firstPage(1).limit()).isEqualTo(1);
		assertThat(TaskQuery.firstPage(100).limit()).isEqualTo(100);
		for (int bad : new int[] { 0, -1, 101 }) {
			assertThatThrownBy(() -> TaskQuery.firstPage(bad))
				.isInstanceOfSatisfying(InvalidTaskException.class, ex -> assertThat(ex.field()).isEqualTo("limit"));
		}
	}

	@Test
	void blankFiltersMeanNoFilterAndOthersAreTrimmed() {
		TaskQuery query = new TaskQuery(null, "   ", " animal ", null, 20);

		assertThat(query.text()).isNull();
		assertThat(query.label()).isEqualTo("animal");
	}

	@Test
	void aSearchOrLabelWithANulOrOtherControlCharacterIsRefused() {
		for (String bad : new String[] { "\u0000", "milk\u0000", "a\tb" }) {
			assertThatThrownBy(() -> new TaskQuery(null, bad, null, null, 20)).isInstanceOf(InvalidTaskException.class);
			assertThatThrownBy(() -> new TaskQuery(null, null, bad, null, 20)).isInstanceOf(InvalidTaskException.class);
		}
	}

	@Test
	void dueOrderCursorsSurviveTheirTextFormWithOrWithoutADate() {
		Instant created = Instant.parse("2026-03-01T09:00:00.123Z");
		for (LocalDate due : new LocalDate[] { LocalDate.parse("2026-03-10"), null }) {
			TaskQuery.Cursor cursor = new TaskQuery.Cursor(TaskQuery.Sort.DUE, due, created, "qJ3xq0nY5r9KcZ1d2e3f4g");

			assertThat(TaskQuery.Cursor.parse(cursor.encode())).isEqualTo(cursor);
		}
	}

	@Test
	void aCursorOfOneOrderIsRefusedInTheOther() {
		Task task = Task.create("owner", "t", "", LocalDate.parse("2026-03-10"), Instant.parse("2026-03-01T09:00:00Z"));

		assertThatThrownBy(() -> new TaskQuery(null, null, null, TaskQuery.Cursor.of(task), 20, TaskQuery.Sort.DUE))
			.isInstanceOfSatisfying(InvalidTaskException.class, ex -> assertThat(ex.field()).isEqualTo("cursor"));
		assertThatThrownBy(() -> new TaskQuery(null, null, null, TaskQuery.Cursor.of(task, TaskQuery.Sort.DUE), 20))
			.isInstanceOfSatisfying(InvalidTaskException.class, ex -> assertThat(ex.field()).isEqualTo("cursor"));
	}

	@Test
	void sortIsNewestOrDueAndNothingElse() {
		assertThat(TaskQuery.Sort.parse(null)).isEqualTo(TaskQuery.Sort.NEWEST);
		assertThat(TaskQuery.Sort.parse(" Due ")).isEqualTo(TaskQuery.Sort.DUE);
		assertThatThrownBy(() -> TaskQuery.Sort.parse("oldest"))
			.isInstanceOfSatisfying(InvalidTaskException.class, ex -> assertThat(ex.field()).isEqualTo("sort"));
	}

	@Test
	void dueGroupsAreCountedFromToday() {
		LocalDate today = LocalDate.parse("2026-03-10");

		assertThat(DueGroup.of(today.minusDays(1), today)).isEqualTo(DueGroup.OVERDUE);
		assertThat(DueGroup.of(today, today)).isEqualTo(DueGroup.TODAY);
		assertThat(DueGroup.of(today.plusDays(1), today)).isEqualTo(DueGroup.UPCOMING);
		assertThat(DueGroup.of(null, today)).isEqualTo(DueGroup.NO_DATE);
	}
}
