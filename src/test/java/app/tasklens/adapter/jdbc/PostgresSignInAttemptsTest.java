package app.tasklens.adapter.jdbc;

import org.junit.jupiter.api.AfterEach;

import app.tasklens.account.SignInAttempts;
import app.tasklens.adapter.SignInAttemptsContract;

/** The SignInAttempts contract on the JDBC adapter, on a real PostgreSQL 15 (a database of its own per test). */
class PostgresSignInAttemptsTest extends SignInAttemptsContract {

	private JdbcFixture store;

	@Override
	protected SignInAttempts attempts() {
		if (store == null) {
			store = JdbcFixture.postgres();
		}
		return new JdbcSignInAttempts(store.jdbc());
	}

	@AfterEach
	void close() {
		if (store != null) {
			store.close();
		}
	}
}
