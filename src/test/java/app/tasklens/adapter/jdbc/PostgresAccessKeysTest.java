package app.tasklens.adapter.jdbc;

import app.tasklens.adapter.AccessKeysContract;
import app.tasklens.adapter.StoreFixture;

/** The AccessKeys contract on the JDBC adapter, on a real PostgreSQL 15 (a database of its own per test). */
class PostgresAccessKeysTest extends AccessKeysContract {

	@Override
	protected StoreFixture open() {
		return JdbcFixture.postgres();
	}
}
