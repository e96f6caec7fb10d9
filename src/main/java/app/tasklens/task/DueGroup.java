package app.tasklens.task;

import java.time.LocalDate;

/**
 * Where a task's due date falls from today, the headings of the list in due order. A done task is grouped
 * by its date like any other (it shows as done, and is not called overdue).
 */
public enum DueGroup {

	OVERDUE("Overdue"), TODAY("Today"), UPCOMING("Upcoming"), NO_DATE("No date");

	private final String heading;

	DueGroup(String heading) {
		this.heading = heading;
	}

	public static DueGroup of(LocalDate due, LocalDate today) {
		if (due == null) {
			return NO_DATE;
		}
		int order = due.compareTo(today);
		return order < 0 ? OVERDUE : order == 0 ? TODAY : UPCOMING;
	}

	public String heading() {
		return heading;
	}
}
