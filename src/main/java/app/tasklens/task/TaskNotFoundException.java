package app.tasklens.task;

/** No such task for this user: missing and someone else's look exactly the same. */
public class TaskNotFoundException extends RuntimeException {

	public TaskNotFoundException() {
		super("task not found");
	}
}
