package app.tasklens.task;

import java.util.Map;

import app.tasklens.InvalidInputException;

/** A task, or a query of tasks, that would break one or more rules (title, body, due date in the form's order). */
public class InvalidTaskException extends InvalidInputException {

	public InvalidTaskException(String field, String message) {
		this(Map.of(field, message));
	}

	public InvalidTaskException(Map<String, String> errors) {
		super(errors);
	}
}
