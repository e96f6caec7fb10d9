package app.tasklens.web.ui;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import app.tasklens.task.InvalidTaskException;
import app.tasklens.task.Task;

/**
 * The create and edit forms as posted: text as typed, so that a form with an error is shown again exactly
 * as the user left it. {@code dueDate} is what an {@code <input type=date>} sends: ISO or empty.
 */
record TaskForm(String title, String body, String dueDate) {

	static TaskForm empty() {
		return new TaskForm("", "", "");
	}

	static TaskForm of(Task task) {
		return new TaskForm(task.title(), task.body(), task.dueDate() == null ? "" : task.dueDate().toString());
	}

	/** @return the due date, or {@code null} when the field is empty */
	LocalDate due() {
		if (dueDate == null || dueDate.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(dueDate.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidTaskException("dueDate", "due date must be a date like 2030-06-30");
		}
	}
}
