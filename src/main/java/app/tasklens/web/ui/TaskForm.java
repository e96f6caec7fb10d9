package app.tasklens.web.ui;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

import app.tasklens.task.InvalidTaskException;
import app.tasklens.task.Task;

/**
 * The create and edit forms as posted: text as typed, so that a form with an error is shown again exactly
 * as the user left it. {@code dueDate} is what an {@code <input type=date>} sends: ISO or empty.
 */
record TaskForm(String title, String body, String dueDate) {

	static final String BAD_DATE = "The due date must be a date like 2030-06-30.";

	static TaskForm empty() {
		return new TaskForm("", "", "");
	}

	static TaskForm of(Task task) {
		return new TaskForm(task.title(), task.body(), task.dueDate() == null ? "" : task.dueDate().toString());
	}

	/**
	 * Checks every field at once, the due date's spelling included, before anything is saved.
	 *
	 * @throws InvalidTaskException naming every field at fault
	 */
	void check() {
		Map<String, String> problems = Task.problems(title, body, parsedDue());
		if (dueDate != null && !dueDate.isBlank() && parsedDue() == null) {
			problems.put("dueDate", BAD_DATE);
		}
		if (!problems.isEmpty()) {
			throw new InvalidTaskException(problems);
		}
	}

	/** @return the due date, or {@code null} when the field is empty; call {@link #check()} first */
	LocalDate due() {
		LocalDate due = parsedDue();
		if (due == null && dueDate != null && !dueDate.isBlank()) {
			throw new InvalidTaskException("dueDate", BAD_DATE);
		}
		return due;
	}

	private LocalDate parsedDue() {
		if (dueDate == null || dueDate.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(dueDate.strip());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}
}
