package app.tasklens.task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

import app.tasklens.Ids;

/**
 * A user's task. It owns its rules: a title of 1–200 characters, a body of at most 10,000, an optional due
 * date, done or not; every change moves {@code updatedAt}.
 */
public final class Task {

	public static final int MAX_TITLE = 200;
	public static final int MAX_BODY = 10_000;

	private final String id;
	private final String ownerId;
	private String title;
	private String body;
	private LocalDate dueDate;
	private boolean done;
	private final Instant createdAt;
	private Instant updatedAt;

	private Task(String id, String ownerId, String title, String body, LocalDate dueDate, boolean done,
			Instant createdAt, Instant updatedAt) {
		this.id = id;
		this.ownerId = ownerId;
		this.title = title;
		this.body = body;
		this.dueDate = dueDate;
		this.done = done;
		this.createdAt = createdAt;
		this.updatedAt = updatedAt;
	}

	public static Task create(String ownerId, String title, String body, LocalDate dueDate, Instant now) {
		return new Task(Ids.random(), Objects.requireNonNull(ownerId), validTitle(title), validBody(body),
				validDueDate(dueDate), false, now, now);
	}

	/** Rebuilds a stored task; the store only holds tasks that passed the rules. */
	public static Task restore(String id, String ownerId, String title, String body, LocalDate dueDate,
			boolean done, Instant createdAt, Instant updatedAt) {
		return new Task(id, ownerId, title, body, dueDate, done, createdAt, updatedAt);
	}

	/** Applies the fields a patch carries, all or none: an invalid field leaves the task unchanged. */
	public void apply(TaskPatch patch, Instant now) {
		String newTitle = patch.title() == null ? title : validTitle(patch.title());
		String newBody = patch.body() == null ? body : validBody(patch.body());
		LocalDate newDueDate = patch.dueDateSet() ? validDueDate(patch.dueDate()) : dueDate;
		title = newTitle;
		body = newBody;
		dueDate = newDueDate;
		if (patch.done() != null) {
			done = patch.done();
		}
		updatedAt = now;
	}

	public void complete(Instant now) {
		done = true;
		updatedAt = now;
	}

	public void reopen(Instant now) {
		done = false;
		updatedAt = now;
	}

	/** Not done and due before {@code today}. */
	public boolean isOverdue(LocalDate today) {
		return !done && dueDate != null && dueDate.isBefore(today);
	}

	public boolean isOwnedBy(String userId) {
		return ownerId.equals(userId);
	}

	static final int MIN_DUE_YEAR = 1900;
	static final int MAX_DUE_YEAR = 9999;

	private static String validTitle(String title) {
		String value = title == null ? "" : title.strip();
		if (value.isEmpty()) {
			throw new InvalidTaskException("title", "title is required");
		}
		if (value.codePointCount(0, value.length()) > MAX_TITLE) {
			throw new InvalidTaskException("title", "title must be at most " + MAX_TITLE + " characters");
		}
		if (!isText(value)) {
			throw new InvalidTaskException("title", "title must not contain control characters or broken characters");
		}
		return value;
	}

	/**
	 * Text a person typed: no NUL or other control character (a title is one line) and no lone half of a
	 * surrogate pair, which no encoding can store or show.
	 */
	private static boolean isText(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c)) {
				return false;
			}
			if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

	/** Years 1900–9999: a four-digit year that every store, date input and ISO string takes alike. */
	private static LocalDate validDueDate(LocalDate dueDate) {
		if (dueDate != null && (dueDate.getYear() < MIN_DUE_YEAR || dueDate.getYear() > MAX_DUE_YEAR)) {
			throw new InvalidTaskException("dueDate",
					"dueDate must be in the years " + MIN_DUE_YEAR + " to " + MAX_DUE_YEAR);
		}
		return dueDate;
	}

	private static String validBody(String body) {
		String value = body == null ? "" : body;
		if (value.codePointCount(0, value.length()) > MAX_BODY) {
			throw new InvalidTaskException("body", "body must be at most " + MAX_BODY + " characters");
		}
		return value;
	}

	public String id() {
		return id;
	}

	public String ownerId() {
		return ownerId;
	}

	public String title() {
		return title;
	}

	public String body() {
		return body;
	}

	public LocalDate dueDate() {
		return dueDate;
	}

	public boolean done() {
		return done;
	}

	public Instant createdAt() {
		return createdAt;
	}

	public Instant updatedAt() {
		return updatedAt;
	}
}
