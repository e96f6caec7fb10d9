package app.tasklens.web.ui;

import java.util.Optional;

import org.springframework.web.util.UriComponentsBuilder;

import app.tasklens.attachment.ImageQuery;

/**
 * The search box, the label filter and the paging cursor of All images, as query parameters. The viewer opened
 * from the gallery carries the search and filter along ({@link #viewerQuery()}), so that its Previous and Next
 * step through the gallery's order. Methods the templates call are public: SpEL invokes only public methods.
 *
 * @param q search text, as the task list's
 * @param label a label of the image, or one of its parents ("animal" finds the dog)
 * @param after the cursor of the page to show; {@code null} for the newest images
 */
record ImageFilter(String q, String label, String after) {

	static final String PATH = "/images";
	/** The gallery's place on the page: links to another filter lead there. */
	static final String AT_THE_GALLERY = "#gallery";
	/** The viewer's {@code from}: opened from the gallery. */
	static final String FROM = "images";

	ImageQuery query(ImageQuery.Cursor from) {
		return new ImageQuery(q, label, from, ImageQuery.DEFAULT_LIMIT);
	}

	/** Whether the gallery is narrowed down, so that an empty one means "no match" rather than "no images". */
	public boolean narrowed() {
		return present(q) || labeled();
	}

	public boolean labeled() {
		return present(label);
	}

	public boolean paged() {
		return present(after);
	}

	String pageAfter(String cursor) {
		return address(PATH, cursor, false);
	}

	/** The first page with the same search and filter, at the gallery. */
	public String firstPage() {
		return address(PATH, null, false) + AT_THE_GALLERY;
	}

	/** The same search with {@code other} as the label, at the first page. */
	public String withLabel(String other) {
		return new ImageFilter(q, other, null).firstPage();
	}

	public String withoutLabel() {
		return new ImageFilter(q, null, null).firstPage();
	}

	/** What the viewer's address takes along from here: {@code ?from=images} and the search and filter. */
	public String viewerQuery() {
		return address("", null, true);
	}

	/** "all your images", or "the images found" when narrowed: what the viewer steps through. */
	String within() {
		return narrowed() ? "the images found" : "all your images";
	}

	private static boolean present(String text) {
		return text != null && !text.isBlank();
	}

	private String address(String path, String cursor, boolean fromHere) {
		return UriComponentsBuilder.fromPath(path)
			.queryParamIfPresent("from", Optional.of(FROM).filter(from -> fromHere))
			.queryParamIfPresent("q", Optional.ofNullable(q).filter(ImageFilter::present))
			.queryParamIfPresent("label", Optional.ofNullable(label).filter(ImageFilter::present))
			.queryParamIfPresent("after", Optional.ofNullable(cursor))
			.encode()
			.toUriString();
	}
}
