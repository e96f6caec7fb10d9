package app.tasklens.adapter.jdbc;

import app.tasklens.labeling.LabelDetection;

/**
 * The label filter of the task list and the gallery: a task matches when one of its images has a label, or a parent of a
 * label, with that name ("animal" finds the dog). Label terms are stored lower-case, one row per name
 * or parent, by the attachment adapter.
 */
final class LabelFilter {

	static final String SQL = " AND EXISTS (SELECT 1 FROM attachment_label_terms l"
			+ " WHERE l.task_id = t.id AND l.term = :label)";

	/** The gallery's: the image itself has the label or a parent of it. */
	static final String IMAGE_SQL = " AND EXISTS (SELECT 1 FROM attachment_label_terms l"
			+ " WHERE l.attachment_id = a.id AND l.term = :label)";

	private LabelFilter() {
	}

	static String term(String label) {
		return LabelDetection.searchTerm(label);
	}
}
