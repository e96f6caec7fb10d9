package app.tasklens.adapter.jdbc;

import app.tasklens.adapter.TasksContract;
import app.tasklens.adapter.StoreFixture;

/** The Tasks contract on the JDBC adapter, on a real PostgreSQL 15 (a database of its own per test). */
class PostgresTasksTest extends TasksContract {

	@Override
	protected StoreFixture open() {
		return JdbcFixture.postgres();
	}
}
