package app.tasklens.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.tasklens.labeling.Label;
import app.tasklens.labeling.LabelCount;
import app.tasklens.labeling.LabelDetection;
import app.tasklens.labeling.TextDetection;
import app.tasklens.task.Task;
import app.tasklens.task.TaskQuery;
import tools.jackson.databind.json.JsonMapper;

/**
 * On SQLite and on PostgreSQL, a database from before search words (migrated up to V30, rows as that schema had them) is indexed by the
 * migrations that bring them: its tasks are found by their words and its labeled images by theirs, and the
 * label suggestions show the names as the detector spelled them.
 */
class SearchWordsMigrationTest {

	@TempDir
	Path dir;

	@Test
	void onSqlite() {
		try (HikariDataSource dataSource = DataSourceConfiguration.sqlite(dir)) {
			tasksAndLabeledImagesStoredBeforeAreFoundByTheirWords(dataSource);
		}
	}

	@Test
	void onPostgres() {
		PostgresServer server = PostgresServer.get();
		String database = server.newEmptyDatabase();
		try (HikariDataSource dataSource = server.dataSource(database, 2)) {
			tasksAndLabeledImagesStoredBeforeAreFoundByTheirWords(dataSource);
		}
		finally {
			server.dropDatabase(database);
		}
	}

	private static void tasksAndLabeledImagesStoredBeforeAreFoundByTheirWords(HikariDataSource dataSource) {
		Flyway.configure().dataSource(dataSource).target("30").load().migrate();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		jdbc.sql("INSERT INTO users (id, username, username_key, password_hash, created_at) VALUES"
				+ " ('u1', 'ada', 'ada', 'x', 0)").update();
		jdbc.sql("INSERT INTO tasks (id, owner_id, title, body, done, created_at, updated_at) VALUES"
				+ " ('t1', 'u1', 'Walk the dogs', 'in the park', FALSE, 1, 1),"
				+ " ('t2', 'u1', 'Shopping', '', FALSE, 2, 2)").update();
		jdbc.sql("INSERT INTO attachments (id, owner_id, task_id, filename, image_type, status, size, width, height,"
				+ " version, created_at, updated_at, revision) VALUES"
				+ " ('a1', 'u1', 't2', 'shop.jpg', 'JPEG', 'LABELED', 10, 4, 3, 1, 3, 3, 2)").update();
		LabelDetection detection = new LabelDetection(
				List.of(new Label("Golden Retriever", 90, List.of(), List.of("Dog", "Animal"), List.of(), List.of())),
				List.of(new TextDetection("SALE 50%", TextDetection.Type.LINE, 0, null, 90, null)), null, "onbox-1");
		jdbc.sql("INSERT INTO attachment_labels (attachment_id, task_id, version, model_version, detection, labeled_at)"
				+ " VALUES ('a1', 't2', 1, 'onbox-1', ?, 4)").param(JsonMapper.builder().build()
					.writeValueAsString(detection)).update();
		jdbc.sql("INSERT INTO attachment_label_terms (task_id, attachment_id, term) VALUES ('t2', 'a1', 'dog')").update();

		Flyway.configure().dataSource(dataSource).load().migrate();

		JdbcTasks tasks = new JdbcTasks(jdbc, SqlDialect.of(dataSource));
		assertThat(titles(tasks, "dog")).containsExactly("Shopping", "Walk the dogs");
		assertThat(titles(tasks, "retrievers")).containsExactly("Shopping");
		assertThat(titles(tasks, "sale")).containsExactly("Shopping");
		assertThat(titles(tasks, "parks")).containsExactly("Walk the dogs");
		assertThat(new JdbcAttachmentLabels(jdbc, JsonMapper.builder().build()).suggest("u1", "go", 5))
			.containsExactly(new LabelCount("Golden Retriever", 1, 1));
	}

	private static List<String> titles(JdbcTasks tasks, String q) {
		return tasks.list("u1", new TaskQuery(null, q, null, null, 10)).items().stream().map(Task::title).toList();
	}
}
