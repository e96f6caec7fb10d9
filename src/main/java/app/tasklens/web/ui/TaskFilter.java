package app.tasklens.web.ui;

import java.util.Optional;

import org.springframework.web.util.UriComponentsBuilder;

import app.tasklens.task.TaskQuery;

/**
 * The search box, the done filter and the paging cursor of My Tasks, as query parameters. Methods the
 * templates call are public: SpEL invokes only public methods.
 *
 * @param q text to find in title or body
 * @param done {@code "true"} for done tasks, {@code "false"} for open ones, anything else for both
 * @param after the cursor of the page to show; {@code null} for the newest tasks
 */
record TaskFilter(String q, String done, String after) {

	static TaskFilter none() {
		return new TaskFilter(null, null, null);
	}

	TaskQuery query() {
		return new TaskQuery(doneOnly(), q, null, paged() ? TaskQuery.Cursor.parse(after) : null,
				TaskQuery.DEFAULT_LIMIT);
	}

	/** Whether the list is narrowed down, so that an empty list means "no match" rather than "no tasks". */
	public boolean narrowed() {
		return (q != null && !q.isBlank()) || doneOnly() != null;
	}

	public boolean paged() {
		return after != null && !after.isBlank();
	}

	/** The address of the page after {@code cursor} with the same search and filter. */
	String pageAfter(String cursor) {
		return address(cursor);
	}

	/** The newest tasks with the same search and filter. */
	public String firstPage() {
		return address(null);
	}

	private Boolean doneOnly() {
		return switch (done == null ? "" : done) {
			case "true" -> true;
			case "false" -> false;
			default -> null;
		};
	}

	private String address(String cursor) {
		return UriComponentsBuilder.fromPath("/")
			.queryParamIfPresent("q", Optional.ofNullable(q).filter(text -> !text.isBlank()))
			.queryParamIfPresent("done", Optional.ofNullable(doneOnly()))
			.queryParamIfPresent("after", Optional.ofNullable(cursor))
			.encode()
			.toUriString();
	}
}
