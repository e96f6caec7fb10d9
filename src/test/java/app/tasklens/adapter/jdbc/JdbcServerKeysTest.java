package app.tasklens.adapter.jdbc;

import java.nio.file.Path;

/** The server keys on a real SQLite file. */
class JdbcServerKeysTest extends ServerKeysContract {

	@Override
	protected JdbcFixture open(Path dir) {
		return new JdbcFixture(dir);
	}
}
