package app.tasklens.adapter.jdbc;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** The Invites contract on SQLite. */
class JdbcInvitesTest extends InvitesContract {

	@TempDir
	Path dir;

	@Override
	protected JdbcFixture fixture() {
		return new JdbcFixture(dir);
	}
}
