package app.tasklens.adapter.jdbc;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import app.tasklens.adapter.AdminReportsContract;
import app.tasklens.adapter.StoreFixture;

/** The AdminReports contract on the JDBC adapter, on a real SQLite file. */
class JdbcAdminReportsTest extends AdminReportsContract {

	@TempDir
	Path dir;

	@Override
	protected StoreFixture open() {
		return new JdbcFixture(dir);
	}
}
