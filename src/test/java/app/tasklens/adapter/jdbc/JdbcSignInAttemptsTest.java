package app.tasklens.adapter.jdbc;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import app.tasklens.account.SignInAttempts;
import app.tasklens.adapter.SignInAttemptsContract;

/** The SignInAttempts contract on the JDBC adapter, on a real SQLite file. */
class JdbcSignInAttemptsTest extends SignInAttemptsContract {

	@TempDir
	Path dir;

	private JdbcFixture store;

	@Override
	protected SignInAttempts attempts() {
		if (store == null) {
			store = new JdbcFixture(dir);
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
