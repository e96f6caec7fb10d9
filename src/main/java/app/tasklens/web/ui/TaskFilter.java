package app.tasklens.web.ui;

import java.util.Optional;

import org.springframework.web.util.UriComponentsBuilder;

import app.tasklens.task.TaskQuery;

/**
 * The search box, the label and done filters and the paging cursor of My Tasks, as query parameters.
 * Methods the templates call are public: SpEL invokes only public methods.
 *
 * @param q text to find in title or body
 * @param label a label of one of the task's images, or one of its parents ("animal" finds the dog)
 * @param done {@code "true"} for done tasks, {@code "false"} for open ones, anything else for both
 * @param after the cursor of the page to show; {@code null} for the newest tasks
 */
record TaskFilter(String q, String label, String done, String after) {

	static TaskFilter none() {
		return new TaskFilter(null, null, null, null);
	}

	TaskQuery query() {
		return new TaskQuery(doneOnly(), q, label, paged() ? TaskQuery.Cursor.parse(after) : null,
				TaskQuery.DEFAULT_LIMIT);
	}

	/** Whether the list is narrowed down, so that an empty list means "no match" rather than "no tasks". */
	public boolean narrowed() {
		return present(q) || labeled() || doneOnly() != null;
	}

	/** Whether only tasks with an image of some label are shown. */
	public boolean labeled() {
		return present(label);
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

	/** The same search and filter with {@code other} as the label, at the first page. */
	String withLabel(String other) {
		return new TaskFilter(q, other, done, null).firstPage();
	}

	/** The same search and filter without the label. */
	public String withoutLabel() {
		return new TaskFilter(q, null, done, null).firstPage();
	}

	private static boolean present(String text) {
		return text != null && !text.isBlank();
	}

	private String address(String cursor) {
		return UriComponentsBuilder.fromPath("/")
			.queryParamIfPresent("q", Optional.ofNullable(q).filter(TaskFilter::present))
			.queryParamIfPresent("label", Optional.ofNullable(label).filter(TaskFilter::present))
			.queryParamIfPresent("done", Optional.ofNullable(doneOnly()))
			.queryParamIfPresent("after", Optional.ofNullable(cursor))
			.encode()
			.toUriString();
	}
}
