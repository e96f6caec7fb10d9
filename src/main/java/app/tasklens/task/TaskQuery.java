package app.tasklens.task;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * One page of a user's tasks, newest first.
 *
 * @param done only done (true) or open (false) tasks; {@code null} for both
 * @param text search text: found as typed in the title or body (case-insensitive), or each of its words
 *        ({@code search.SearchWords}) among the task's words and its images' labels and text; {@code null}
 *        for any
 * @param label a label or parent label of one of the task's images ("animal"); {@code null} for any
 * @param after the cursor from the previous page; {@code null} for the first page
 * @param limit 1–100 tasks
 */
public record TaskQuery(Boolean done, String text, String label, Cursor after, int limit) {

	public static final int MAX_LIMIT = 100;
	public static final int DEFAULT_LIMIT = 20;

	public TaskQuery {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidTaskException("limit", "limit must be between 1 and " + MAX_LIMIT);
		}
		// Searching for a NUL matched every task (found by a red team); no title or body holds one anyway.
		if (text != null && text.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidTaskException("q", "q must not contain control characters");
		}
		if (label != null && label.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidTaskException("label", "label must not contain control characters");
		}
		text = blankToNull(text);
		label = blankToNull(label);
	}

	public static TaskQuery firstPage(int limit) {
		return new TaskQuery(null, null, null, null, limit);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	/** Position in the newest-first order: the (createdAt, id) of the last task of a page. */
	public record Cursor(Instant createdAt, String id) {

		public static Cursor of(Task task) {
			return new Cursor(task.createdAt(), task.id());
		}

		/** @throws InvalidTaskException when the text is not a cursor this server made */
		public static Cursor parse(String text) {
			try {
				String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
				int bar = decoded.indexOf('|');
				return new Cursor(Instant.ofEpochMilli(Long.parseLong(decoded.substring(0, bar))),
						decoded.substring(bar + 1));
			}
			catch (RuntimeException ex) {
				throw new InvalidTaskException("cursor", "cursor is not valid");
			}
		}

		public String encode() {
			String raw = createdAt.toEpochMilli() + "|" + id;
			return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
		}
	}
}
