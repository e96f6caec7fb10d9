package app.tasklens.adapter.jdbc;

import app.tasklens.adapter.AdminReportsContract;
import app.tasklens.adapter.StoreFixture;

/** The AdminReports contract on the JDBC adapter, on a real PostgreSQL 15 (a database of its own per test). */
class PostgresAdminReportsTest extends AdminReportsContract {

	@Override
	protected StoreFixture open() {
		return JdbcFixture.postgres();
	}
}
