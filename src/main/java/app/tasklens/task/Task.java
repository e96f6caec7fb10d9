package app.tasklens.task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

	/** @throws InvalidTaskException naming every field at fault */
	public static Task create(String ownerId, String title, String body, LocalDate dueDate, Instant now) {
		check(problems(title, body, dueDate));
		return new Task(Ids.random(), Objects.requireNonNull(ownerId), title.strip(), body == null ? "" : body, dueDate,
				false, now, now);
	}

	/**
	 * What a new task with these fields would break, by field ({@code title}, {@code body}, {@code dueDate}) in
	 * the order of the form, as sentences for the user; empty when it would be valid.
	 */
	public static Map<String, String> problems(String title, String body, LocalDate dueDate) {
		Map<String, String> problems = new LinkedHashMap<>();
		titleProblem(title).ifPresent(problem -> problems.put("title", problem));
		bodyProblem(body).ifPresent(problem -> problems.put("body", problem));
		dueDateProblem(dueDate).ifPresent(problem -> problems.put("dueDate", problem));
		return problems;
	}

	private static void check(Map<String, String> problems) {
		if (!problems.isEmpty()) {
			throw new InvalidTaskException(problems);
		}
	}

	/** Rebuilds a stored task; the store only holds tasks that passed the rules. */
	public static Task restore(String id, String ownerId, String title, String body, LocalDate dueDate,
			boolean done, Instant createdAt, Instant updatedAt) {
		return new Task(id, ownerId, title, body, dueDate, done, createdAt, updatedAt);
	}

	/**
	 * Applies the fields a patch carries, all or none: an invalid field leaves the task unchanged.
	 *
	 * @throws InvalidTaskException naming every field of the patch at fault
	 */
	public void apply(TaskPatch patch, Instant now) {
		Map<String, String> problems = problems(patch.title() == null ? title : patch.title(),
				patch.body() == null ? body : patch.body(), patch.dueDateSet() ? patch.dueDate() : dueDate);
		// Only what the patch changes: a stored field is never the reason a patch of another is refused.
		problems.keySet().removeIf(field -> switch (field) {
			case "title" -> patch.title() == null;
			case "body" -> patch.body() == null;
			default -> !patch.dueDateSet();
		});
		check(problems);
		if (patch.title() != null) {
			title = patch.title().strip();
		}
		if (patch.body() != null) {
			body = patch.body();
		}
		if (patch.dueDateSet()) {
			dueDate = patch.dueDate();
		}
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

	private static Optional<String> titleProblem(String title) {
		String value = title == null ? "" : title.strip();
		if (value.isEmpty()) {
			return Optional.of("A title is required.");
		}
		if (value.codePointCount(0, value.length()) > MAX_TITLE) {
			return Optional.of("The title can be at most " + MAX_TITLE + " characters long.");
		}
		if (!isText(value)) {
			return Optional.of("The title cannot contain control characters or broken characters.");
		}
		return Optional.empty();
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
	private static Optional<String> dueDateProblem(LocalDate dueDate) {
		if (dueDate != null && (dueDate.getYear() < MIN_DUE_YEAR || dueDate.getYear() > MAX_DUE_YEAR)) {
			return Optional.of("The due date must be in the years " + MIN_DUE_YEAR + " to " + MAX_DUE_YEAR + ".");
		}
		return Optional.empty();
	}

	private static Optional<String> bodyProblem(String body) {
		String value = body == null ? "" : body;
		if (value.codePointCount(0, value.length()) > MAX_BODY) {
			return Optional.of("The notes can be at most " + MAX_BODY + " characters long.");
		}
		return Optional.empty();
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
