package app.tasklens.web.ui;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import app.tasklens.task.Task;

/**
 * A task as one row of the page shows it: dates already written out ({@link ShownDates}: the server's time
 * zone, the request's locale, so "Jun 30, 2030" next to the date input's 06/30/2030 in the US), so the
 * templates only place text, and its images with their labels.
 *
 * @param groupHeading in the due order, the heading of the group of due dates this task opens ("Overdue",
 *        "Today"…); {@code null} when it is not the first of its group on the page
 */
record TaskItem(String id, String title, String body, boolean done, String createdIso, String created,
		String dueIso, String due, boolean overdue, List<AttachmentCard> attachments, String groupHeading, long version) {

	static TaskItem of(Task task, LocalDate today, ZoneId zone, Locale locale, List<AttachmentCard> attachments) {
		LocalDate dueDate = task.dueDate();
		return new TaskItem(task.id(), task.title(), task.body(), task.done(),
				ShownDates.iso(task.createdAt(), zone), ShownDates.dateTime(task.createdAt(), zone, locale),
				dueDate == null ? null : dueDate.toString(),
				dueDate == null ? null : ShownDates.date(dueDate, locale), task.isOverdue(today),
				List.copyOf(attachments), null, task.updatedAt().toEpochMilli());
	}

	TaskItem openingGroup(String heading) {
		return new TaskItem(id, title, body, done, createdIso, created, dueIso, due, overdue, attachments, heading, version);
	}

	/** Public for the templates: SpEL invokes only public methods. */
	public boolean hasBody() {
		return !body.isBlank();
	}
}
