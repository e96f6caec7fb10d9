package app.tasklens.adapter.jdbc;

/** The Invites contract on a real PostgreSQL 15 (a database of its own per test). */
class PostgresInvitesTest extends InvitesContract {

	@Override
	protected JdbcFixture fixture() {
		return JdbcFixture.postgres();
	}
}
