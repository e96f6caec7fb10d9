package app.tasklens.adapter.jdbc;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC adapters that several nodes share (live events, the sign-in throttle, web sessions) have conditions of
 * their own beside the store's; these check that each keeps the store's too, so that choosing DynamoDB leaves
 * no JDBC adapter behind even where a database URL is also set. Real conditions on a real (SQLite) data source.
 */
class JdbcAdapterConditionsTest {

	@TempDir
	Path dir;

	private ApplicationContextRunner runner() {
		SQLiteDataSource dataSource = new SQLiteDataSource();
		dataSource.setUrl("jdbc:sqlite:" + dir.resolve("conditions.db"));
		return new ApplicationContextRunner()
			.withBean(JdbcClient.class, () -> JdbcClient.create(dataSource))
			.withBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(dataSource))
			.withUserConfiguration(JdbcLiveEventLog.class, JdbcSignInAttempts.class, JdbcHttpSessions.class);
	}

	@Test
	void aSharedDatabaseGetsTheSharedAdapters() {
		runner().withPropertyValues("tasklens.database.url=jdbc:postgresql://127.0.0.1:5432/tasklens")
			.run(context -> assertThat(context).hasSingleBean(JdbcLiveEventLog.class)
				.hasSingleBean(JdbcSignInAttempts.class)
				.hasSingleBean(JdbcHttpSessions.class));
	}

	@Test
	void theDynamoDbStoreGetsNoneOfThemEvenWithADatabaseUrlAndDatabaseChoices() {
		runner().withPropertyValues("tasklens.store=dynamodb",
				"tasklens.database.url=jdbc:postgresql://127.0.0.1:5432/tasklens",
				"tasklens.account.sign-in-attempts=database", "tasklens.web.sessions=database")
			.run(context -> assertThat(context).doesNotHaveBean(JdbcLiveEventLog.class)
				.doesNotHaveBean(JdbcSignInAttempts.class)
				.doesNotHaveBean(JdbcHttpSessions.class));
	}

	@Test
	void oneSqliteNodeKeepsThemInMemoryUnlessAsked() {
		runner().run(context -> assertThat(context).doesNotHaveBean(JdbcLiveEventLog.class)
			.doesNotHaveBean(JdbcSignInAttempts.class)
			.doesNotHaveBean(JdbcHttpSessions.class));
		runner().withPropertyValues("tasklens.account.sign-in-attempts=database", "tasklens.web.sessions=database")
			.run(context -> assertThat(context).hasSingleBean(JdbcSignInAttempts.class)
				.hasSingleBean(JdbcHttpSessions.class)
				.doesNotHaveBean(JdbcLiveEventLog.class));
	}

}
