package app.tasklens.attachment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;

import app.tasklens.task.InvalidTaskException;
import app.tasklens.task.TaskQuery;

/**
 * A page of one user's images across all their tasks (the gallery), newest first. Images are attachments whose
 * bytes are stored: pending and rejected uploads are not images.
 *
 * @param text search text, as the task list's {@code q}: an image matches when its task's title or notes hold
 *        the text as typed, or when each of its words ({@code search.SearchWords}) is found among the image's
 *        words (labels, parents, aliases, text read) and its task's; {@code null} for any
 * @param label a label or parent label of the image as shown ("animal"); {@code null} for any
 * @param from a position in the order; {@code null} for the newest end
 * @param direction {@link Direction#OLDER} for the images after {@code from} (the next page), {@link Direction#NEWER}
 *        for those before it, nearest first (the viewer's Previous)
 * @param limit 1–100 images
 */
public record ImageQuery(String text, String label, Cursor from, Direction direction, int limit) {

	public static final int MAX_LIMIT = 100;
	public static final int DEFAULT_LIMIT = 24;

	/** Newest first; (createdAt, id) is unique, so a keyset cursor never skips or repeats an image. */
	public static final Comparator<Attachment> NEWEST_FIRST = Comparator.comparing(Attachment::createdAt)
		.thenComparing(Attachment::id)
		.reversed();

	public enum Direction {
		OLDER, NEWER
	}

	public ImageQuery {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidTaskException("limit", "limit must be between 1 and " + MAX_LIMIT);
		}
		text = TaskQuery.filterText("q", text);
		label = TaskQuery.filterText("label", label);
		direction = direction == null ? Direction.OLDER : direction;
	}

	/** The page after {@code from} (the first page for {@code null}). */
	public ImageQuery(String text, String label, Cursor from, int limit) {
		this(text, label, from, Direction.OLDER, limit);
	}

	/** The same search and filter from {@code position} in {@code towards}. */
	public ImageQuery from(Cursor position, Direction towards, int pageSize) {
		return new ImageQuery(text, label, position, towards, pageSize);
	}

	/** Whether {@code image} is on the side of {@link #from} this query asks for. */
	public boolean wants(Attachment image) {
		if (from == null) {
			return direction == Direction.OLDER;
		}
		int newer = image.createdAt().compareTo(from.createdAt());
		int order = newer != 0 ? newer : image.id().compareTo(from.id());
		return direction == Direction.OLDER ? order < 0 : order > 0;
	}

	/** A position in the newest-first order: the image's creation time and id. */
	public record Cursor(Instant createdAt, String id) {

		public static Cursor of(Attachment image) {
			return new Cursor(image.createdAt(), image.id());
		}

		/**
		 * The store's form (base64url of {@code <millis>|<id>}); clients get it sealed for their user.
		 *
		 * @throws InvalidTaskException when the text is not a cursor this server made
		 */
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
			return Base64.getUrlEncoder().withoutPadding()
				.encodeToString((createdAt.toEpochMilli() + "|" + id).getBytes(StandardCharsets.UTF_8));
		}
	}
}
