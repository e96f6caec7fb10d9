package app.tasklens.adapter.jdbc;

import java.nio.file.Path;

/** The server keys on a real PostgreSQL 15 (a database of its own per test). */
class PostgresServerKeysTest extends ServerKeysContract {

	@Override
	protected JdbcFixture open(Path dir) {
		return JdbcFixture.postgres();
	}
}
