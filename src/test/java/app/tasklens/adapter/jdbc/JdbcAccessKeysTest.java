package app.tasklens.adapter.jdbc;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import app.tasklens.adapter.AccessKeysContract;
import app.tasklens.adapter.StoreFixture;

/** The AccessKeys contract on the JDBC adapter, on a real SQLite file. */
class JdbcAccessKeysTest extends AccessKeysContract {

	@TempDir
	Path dir;

	@Override
	protected StoreFixture open() {
		return new JdbcFixture(dir);
	}
}
