package app.tasklens.web.ui;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

import app.tasklens.task.Task;

/**
 * A task as one row of the page shows it: dates already written out in the server's time zone and in the
 * request's locale (the one the browser's date input follows, so "Jun 30, 2030" next to 06/30/2030 in the
 * US, "30.06.2030" in Germany), so the templates only place text, and its images with their labels.
 *
 * @param groupHeading in the due order, the heading of the group of due dates this task opens ("Overdue",
 *        "Today"…); {@code null} when it is not the first of its group on the page
 */
record TaskItem(String id, String title, String body, boolean done, String createdIso, String created,
		String dueIso, String due, boolean overdue, List<AttachmentCard> attachments, String groupHeading, long version) {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM);
	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM,
			FormatStyle.SHORT);

	static TaskItem of(Task task, LocalDate today, ZoneId zone, Locale locale, List<AttachmentCard> attachments) {
		LocalDate dueDate = task.dueDate();
		return new TaskItem(task.id(), task.title(), task.body(), task.done(),
				task.createdAt().atZone(zone).toOffsetDateTime().toString(),
				DATE_TIME.withLocale(locale).format(task.createdAt().atZone(zone)),
				dueDate == null ? null : dueDate.toString(),
				dueDate == null ? null : DATE.withLocale(locale).format(dueDate), task.isOverdue(today),
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
