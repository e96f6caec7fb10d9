package app.tasklens.attachment;

import java.util.List;

/** A page of images in a query's order, and the cursor of the next page ({@code null} on the last). */
public record ImagePage(List<Attachment> items, String nextCursor) {

	public ImagePage {
		items = List.copyOf(items);
	}
}
