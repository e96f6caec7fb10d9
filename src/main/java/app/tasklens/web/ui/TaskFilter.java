package app.tasklens.web.ui;

import java.util.Optional;

import org.springframework.web.util.UriComponentsBuilder;

import app.tasklens.task.TaskQuery;

/**
 * The search box, the label and done filters, the order and the paging cursor of My Tasks, as query
 * parameters. Methods the templates call are public: SpEL invokes only public methods.
 *
 * <p>The links it makes to other filters end in {@code #tasks}: following one (a label badge, a suggestion,
 * "Clear label filter") lands at the list, not at the top of the page above it.
 *
 * @param q text to find in title or body
 * @param label a label of one of the task's images, or one of its parents ("animal" finds the dog)
 * @param done {@code "true"} for done tasks, {@code "false"} for open ones, anything else for both
 * @param sort {@code "due"} for the due order (grouped by due date), anything else for newest first
 * @param after the cursor of the page to show; {@code null} for the newest tasks
 */
record TaskFilter(String q, String label, String done, String sort, String after) {

	/** The list's place on the page: links to another filter lead there. */
	static final String AT_THE_LIST = "#tasks";

	static TaskFilter none() {
		return new TaskFilter(null, null, null, null, null);
	}

	/** The query of this filter, from {@code after} (the position the paging cursor names, or {@code null}). */
	TaskQuery query(TaskQuery.Cursor after) {
		return new TaskQuery(doneOnly(), q, label, after, TaskQuery.DEFAULT_LIMIT, order());
	}

	TaskQuery.Sort order() {
		return byDue() ? TaskQuery.Sort.DUE : TaskQuery.Sort.NEWEST;
	}

	/** Whether the list is in due order, with a heading for each group of due dates. */
	public boolean byDue() {
		return "due".equals(sort);
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

	/** The address of the page after {@code cursor} with the same search, filter and order. */
	String pageAfter(String cursor) {
		return address(cursor);
	}

	/** The first page with the same search, filter and order, at the list. */
	public String firstPage() {
		return address(null) + AT_THE_LIST;
	}

	private Boolean doneOnly() {
		return switch (done == null ? "" : done) {
			case "true" -> true;
			case "false" -> false;
			default -> null;
		};
	}

	/** The same search, filter and order with {@code other} as the label, at the first page. */
	String withLabel(String other) {
		return new TaskFilter(q, other, done, sort, null).firstPage();
	}

	/** The same search, filter and order without the label. */
	public String withoutLabel() {
		return new TaskFilter(q, null, done, sort, null).firstPage();
	}

	private static boolean present(String text) {
		return text != null && !text.isBlank();
	}

	private String address(String cursor) {
		return UriComponentsBuilder.fromPath("/")
			.queryParamIfPresent("q", Optional.ofNullable(q).filter(TaskFilter::present))
			.queryParamIfPresent("label", Optional.ofNullable(label).filter(TaskFilter::present))
			.queryParamIfPresent("done", Optional.ofNullable(doneOnly()))
			.queryParamIfPresent("sort", Optional.of(order()).filter(TaskQuery.Sort.DUE::equals).map(TaskQuery.Sort::code))
			.queryParamIfPresent("after", Optional.ofNullable(cursor))
			.encode()
			.toUriString();
	}
}
