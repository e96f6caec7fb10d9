package app.tasklens.task;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * One page of a user's tasks, in one of the {@link Sort orders}.
 *
 * @param done only done (true) or open (false) tasks; {@code null} for both
 * @param text search text: found as typed in the title or body (case-insensitive), or each of its words
 *        ({@code search.SearchWords}) among the task's words and its images' labels and text; {@code null}
 *        for any
 * @param label a label or parent label of one of the task's images ("animal"); {@code null} for any
 * @param after the cursor from the previous page, made in the same order; {@code null} for the first page
 * @param limit 1–100 tasks
 * @param sort the order of the list
 */
public record TaskQuery(Boolean done, String text, String label, Cursor after, int limit, Sort sort) {

	public static final int MAX_LIMIT = 100;
	public static final int DEFAULT_LIMIT = 20;

	/**
	 * The orders of the list. Both end in (createdAt, id) descending, which is unique, so a keyset cursor
	 * never skips or repeats a task.
	 */
	public enum Sort {
		/** Newest first. */
		NEWEST,
		/** By due date, the earliest first, tasks without one last; on the same date (or none), newest first. */
		DUE;

		/** {@code newest} or {@code due}, as the API and the page's address spell them. */
		public static Sort parse(String text) {
			if (text == null || text.isBlank()) {
				return NEWEST;
			}
			try {
				return valueOf(text.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidTaskException("sort", "sort must be newest or due");
			}
		}

		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** The order as a comparator, for stores that sort in memory; SQL stores write the same in ORDER BY. */
		public Comparator<Task> comparator() {
			Comparator<Task> newest = Comparator.comparing(Task::createdAt).thenComparing(Task::id).reversed();
			if (this == NEWEST) {
				return newest;
			}
			return Comparator.comparing(Task::dueDate, Comparator.nullsLast(Comparator.<LocalDate>naturalOrder()))
				.thenComparing(newest);
		}
	}

	public TaskQuery {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidTaskException("limit", "limit must be between 1 and " + MAX_LIMIT);
		}
		sort = sort == null ? Sort.NEWEST : sort;
		if (after != null && after.sort() != sort) {
			throw new InvalidTaskException("cursor", "cursor belongs to the " + after.sort().code()
					+ " order, not to " + sort.code());
		}
		text = filterText("q", text);
		label = filterText("label", label);
	}

	/** Newest first. */
	public TaskQuery(Boolean done, String text, String label, Cursor after, int limit) {
		this(done, text, label, after, limit, Sort.NEWEST);
	}

	public static TaskQuery firstPage(int limit) {
		return new TaskQuery(null, null, null, null, limit);
	}

	/**
	 * A search text or label filter as a query takes it: stripped, {@code null} when blank.
	 *
	 * @throws InvalidTaskException when it holds a control character: searching for a NUL matched every task
	 *         (found by a red team); no title, body or label holds one anyway
	 */
	public static String filterText(String parameter, String value) {
		if (value != null && value.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidTaskException(parameter, parameter + " must not contain control characters");
		}
		return value == null || value.isBlank() ? null : value.strip();
	}

	/**
	 * Position in an order: the last task of a page, by what that order compares ({@code due} only in the
	 * due order, where it may be {@code null}: past every dated task).
	 */
	public record Cursor(Sort sort, LocalDate due, Instant createdAt, String id) {

		private static final String DUE_PREFIX = "due|";
		private static final String NO_DATE = "-";

		public Cursor {
			sort = sort == null ? Sort.NEWEST : sort;
			if (sort == Sort.NEWEST) {
				due = null;
			}
		}

		/** A position in the newest-first order. */
		public Cursor(Instant createdAt, String id) {
			this(Sort.NEWEST, null, createdAt, id);
		}

		public static Cursor of(Task task) {
			return of(task, Sort.NEWEST);
		}

		public static Cursor of(Task task, Sort sort) {
			return new Cursor(sort, task.dueDate(), task.createdAt(), task.id());
		}

		/** Whether {@code task} comes after this position in its order. */
		public boolean precedes(Task task) {
			if (sort == Sort.DUE && !Objects.equals(due, task.dueDate())) {
				// Tasks without a date come last: nothing dated follows one of them.
				return due != null && (task.dueDate() == null || task.dueDate().isAfter(due));
			}
			int created = task.createdAt().compareTo(createdAt);
			return created < 0 || created == 0 && task.id().compareTo(id) < 0;
		}

		/**
		 * The store's form of a position (base64url): newest-first ones are {@code <millis>|<id>}, due-order ones
		 * say so: {@code due|<date or ->|<millis>|<id>}. Clients get it sealed for their user ({@link CursorSeal}).
		 *
		 * @throws InvalidTaskException when the text is not a cursor this server made
		 */
		public static Cursor parse(String text) {
			try {
				String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
				Sort sort = Sort.NEWEST;
				LocalDate due = null;
				if (decoded.startsWith(DUE_PREFIX)) {
					sort = Sort.DUE;
					decoded = decoded.substring(DUE_PREFIX.length());
					int bar = decoded.indexOf('|');
					String date = decoded.substring(0, bar);
					due = date.equals(NO_DATE) ? null : LocalDate.parse(date);
					decoded = decoded.substring(bar + 1);
				}
				int bar = decoded.indexOf('|');
				return new Cursor(sort, due, Instant.ofEpochMilli(Long.parseLong(decoded.substring(0, bar))),
						decoded.substring(bar + 1));
			}
			catch (RuntimeException ex) {
				throw new InvalidTaskException("cursor", "cursor is not valid");
			}
		}

		public String encode() {
			String raw = createdAt.toEpochMilli() + "|" + id;
			if (sort == Sort.DUE) {
				raw = DUE_PREFIX + (due == null ? NO_DATE : due.toString()) + "|" + raw;
			}
			return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
		}
	}
}
