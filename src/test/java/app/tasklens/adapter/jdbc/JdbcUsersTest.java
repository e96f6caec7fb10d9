package app.tasklens.adapter.jdbc;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import app.tasklens.adapter.UsersContract;
import app.tasklens.adapter.StoreFixture;

/** The Users contract on the JDBC adapter, on a real SQLite file. */
class JdbcUsersTest extends UsersContract {

	@TempDir
	Path dir;

	@Override
	protected StoreFixture open() {
		return new JdbcFixture(dir);
	}
}
