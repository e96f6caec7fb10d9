package app.tasklens.task;

import java.util.List;

/** A page of tasks and the cursor of the next page ({@code null} on the last page). */
public record TaskPage(List<Task> items, String nextCursor) {

	public TaskPage {
		items = List.copyOf(items);
	}
}
