package app.tasklens.adapter.jdbc;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import app.tasklens.adapter.TasksContract;
import app.tasklens.adapter.StoreFixture;

/** The Tasks contract on the JDBC adapter, on a real SQLite file. */
class JdbcTasksTest extends TasksContract {

	@TempDir
	Path dir;

	@Override
	protected StoreFixture open() {
		return new JdbcFixture(dir);
	}
}
