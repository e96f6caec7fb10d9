package app.tasklens.adapter.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

import app.tasklens.labeling.ImageLabels;
import app.tasklens.search.SearchWords;
import app.tasklens.task.Task;

/**
 * The rows that find tasks and images, written beside what they index: {@code search_words} for {@code q}
 * and {@code attachment_label_terms} for the label filter and its suggestions. Public only for the
 * migration that indexes what was stored before these tables ({@code db.migration}); the adapters of this
 * package are its other users.
 */
public final class SearchRows {

	/** Rows per insert statement: far below what SQLite and PostgreSQL allow in bound parameters. */
	private static final int BATCH = 400;
	/**
	 * A word is looked up by its first characters, and matched as a prefix once a query word has as many
	 * ({@link SearchWords#MIN_PREFIX}).
	 */
	static final int HEAD = SearchWords.MIN_PREFIX;

	private SearchRows() {
	}

	/** Indexes the task's title and notes, in place of what was indexed before. */
	public static void task(JdbcClient jdbc, Task task) {
		jdbc.sql("DELETE FROM search_words WHERE task_id = ? AND attachment_id IS NULL").param(task.id()).update();
		insertWords(jdbc, task.ownerId(), task.id(), null, SearchWords.of(List.of(task.title(), task.body())));
	}

	/** Indexes an image by its labels as shown, in place of what was indexed before. */
	public static void image(JdbcClient jdbc, String ownerId, String taskId, String attachmentId, ImageLabels labels) {
		forgetImage(jdbc, attachmentId);
		List<Object[]> terms = new ArrayList<>();
		for (Map.Entry<String, String> term : labels.filterTerms().entrySet()) {
			terms.add(new Object[] { taskId, attachmentId, term.getKey(), ownerId, term.getValue() });
		}
		insert(jdbc, "INSERT INTO attachment_label_terms (task_id, attachment_id, term, owner_id, name) VALUES ",
				terms);
		insertWords(jdbc, ownerId, taskId, attachmentId, labels.searchWords());
	}

	static void forgetImage(JdbcClient jdbc, String attachmentId) {
		jdbc.sql("DELETE FROM attachment_label_terms WHERE attachment_id = ?").param(attachmentId).update();
		jdbc.sql("DELETE FROM search_words WHERE attachment_id = ?").param(attachmentId).update();
	}

	/**
	 * The condition of {@code q}: the text as typed anywhere in the task's title or notes, or each of its words
	 * among the words stored for the task (and, with {@code imageId}, that image's; otherwise all its images').
	 * The substring ignores the case of A–Z only, the one case folding SQLite and PostgreSQL share; the words
	 * fold all of it.
	 *
	 * @param task the alias of the {@code tasks} row, such as {@code t}
	 * @param imageId the column of the image's id when images are matched, or {@code null} for tasks
	 */
	static String text(SqlDialect dialect, String task, String imageId, String text, Map<String, Object> params) {
		String words = allWords(task + ".id", imageId, SearchWords.query(text), params);
		params.put("text", "%" + JdbcTasks.likeEscaped(SqlDialect.lowerText(text)) + "%");
		return "(" + dialect.lowerColumn(task + ".title") + " LIKE :text ESCAPE '\\' OR "
				+ dialect.lowerColumn(task + ".body") + " LIKE :text ESCAPE '\\'"
				+ (words == null ? "" : " OR " + words) + ")";
	}

	/**
	 * A condition that holds when every word of a query finds a word stored for the row's task: equal to
	 * its base form, or, once it has {@value #HEAD} characters, starting with it as typed.
	 *
	 * @param taskId the column holding the task's id, such as {@code t.id}
	 * @param imageId the column holding the image's id when an image is matched (by its own words and its
	 *        task's), or {@code null} to match a task by its own words and all its images'
	 * @return {@code null} for a query without words
	 */
	static String allWords(String taskId, String imageId, List<SearchWords.QueryWord> words,
			Map<String, Object> params) {
		if (words.isEmpty()) {
			return null;
		}
		List<String> conditions = new ArrayList<>();
		for (int i = 0; i < words.size(); i++) {
			SearchWords.QueryWord word = words.get(i);
			// Each way a word may match is a lookup of its own on (owner, head): one OR inside a lookup would
			// make the engine read all the owner's words.
			List<String> matches = new ArrayList<>();
			matches.add("w.head = :wh" + i + " AND w.word = :wb" + i);
			params.put("wh" + i, head(word.base()));
			params.put("wb" + i, word.base());
			if (word.prefix().codePointCount(0, word.prefix().length()) >= HEAD) {
				// A query word has letters and digits only (SearchWords splits at anything else): no LIKE wildcard.
				matches.add("w.head = :wp" + i + " AND w.word LIKE :wl" + i);
				params.put("wp" + i, head(word.prefix()));
				params.put("wl" + i, word.prefix() + "%");
			}
			List<String> found = new ArrayList<>();
			for (String match : matches) {
				String from = "FROM search_words w WHERE w.owner_id = :owner AND " + match;
				if (imageId == null) {
					found.add(taskId + " IN (SELECT w.task_id " + from + ")");
				}
				else {
					found.add(imageId + " IN (SELECT w.attachment_id " + from + ")");
					found.add(taskId + " IN (SELECT w.task_id " + from + " AND w.attachment_id IS NULL)");
				}
			}
			conditions.add("(" + String.join(" OR ", found) + ")");
		}
		return "(" + String.join(" AND ", conditions) + ")";
	}

	static String head(String word) {
		return word.codePointCount(0, word.length()) <= HEAD ? word
				: word.substring(0, word.offsetByCodePoints(0, HEAD));
	}

	private static void insertWords(JdbcClient jdbc, String ownerId, String taskId, String attachmentId,
			Collection<String> words) {
		List<Object[]> rows = new ArrayList<>(words.size());
		for (String word : words) {
			rows.add(new Object[] { ownerId, taskId, attachmentId, head(word), word });
		}
		insert(jdbc, "INSERT INTO search_words (owner_id, task_id, attachment_id, head, word) VALUES ", rows);
	}

	/**
	 * Multi-row inserts: an image has a few dozen terms and words, a long note hundreds, and a statement per
	 * row would cost a parse and a trip through JDBC each, inside the write transaction.
	 */
	private static void insert(JdbcClient jdbc, String head, List<Object[]> rows) {
		for (int from = 0; from < rows.size(); from += BATCH) {
			List<Object[]> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
			int width = batch.get(0).length;
			String row = "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
			List<Object> params = new ArrayList<>(batch.size() * width);
			batch.forEach(values -> Collections.addAll(params, values));
			jdbc.sql(head + String.join(", ", Collections.nCopies(batch.size(), row))).params(params).update();
		}
	}
}
