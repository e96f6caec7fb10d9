package app.tasklens.task;

import java.time.LocalDate;

/**
 * The fields of a partial update. A {@code null} field is left as it is; because a due date can be
 * cleared, {@code dueDateSet} tells "set to {@code dueDate} (possibly none)" from "leave it".
 */
public record TaskPatch(String title, String body, boolean dueDateSet, LocalDate dueDate, Boolean done) {

	public static TaskPatch none() {
		return new TaskPatch(null, null, false, null, null);
	}

	public TaskPatch withTitle(String value) {
		return new TaskPatch(value, body, dueDateSet, dueDate, done);
	}

	public TaskPatch withBody(String value) {
		return new TaskPatch(title, value, dueDateSet, dueDate, done);
	}

	public TaskPatch withDueDate(LocalDate value) {
		return new TaskPatch(title, body, true, value, done);
	}

	public TaskPatch withDone(boolean value) {
		return new TaskPatch(title, body, dueDateSet, dueDate, value);
	}
}
