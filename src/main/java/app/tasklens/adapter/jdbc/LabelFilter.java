package app.tasklens.adapter.jdbc;

import app.tasklens.labeling.LabelDetection;

/**
 * The task list's label filter: a task matches when one of its images has a label, or a parent of a
 * label, with that name ("animal" finds the dog). Label terms are stored lower-case, one row per name
 * or parent, by the attachment adapter.
 */
final class LabelFilter {

	static final String SQL = " AND EXISTS (SELECT 1 FROM attachment_label_terms l"
			+ " WHERE l.task_id = t.id AND l.term = :label)";

	private LabelFilter() {
	}

	static String term(String label) {
		return LabelDetection.searchTerm(label);
	}
}
