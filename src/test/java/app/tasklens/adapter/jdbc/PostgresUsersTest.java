package app.tasklens.adapter.jdbc;

import app.tasklens.adapter.UsersContract;
import app.tasklens.adapter.StoreFixture;

/** The Users contract on the JDBC adapter, on a real PostgreSQL 15 (a database of its own per test). */
class PostgresUsersTest extends UsersContract {

	@Override
	protected StoreFixture open() {
		return JdbcFixture.postgres();
	}
}
