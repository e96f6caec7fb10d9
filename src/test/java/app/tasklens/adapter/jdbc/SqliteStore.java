package app.tasklens.adapter.jdbc;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.tasklens.account.Users;
import app.tasklens.task.Tasks;

/**
 * The real embedded store for tests that run without the application: the SQLite file of
 * {@code dataDir}, configured as the product configures it and migrated by the product's migrations.
 */
public final class SqliteStore implements AutoCloseable {

	private final HikariDataSource dataSource;
	private final JdbcClient jdbc;
	private final SqlDialect dialect = SqlDialect.SQLITE;

	private SqliteStore(HikariDataSource dataSource) {
		this.dataSource = dataSource;
		this.jdbc = JdbcClient.create(dataSource);
	}

	public static SqliteStore open(Path dataDir) {
		HikariDataSource dataSource = DataSourceConfiguration.sqlite(dataDir);
		Flyway.configure().dataSource(dataSource).load().migrate();
		return new SqliteStore(dataSource);
	}

	public Users users() {
		return new JdbcUsers(jdbc);
	}

	public Tasks tasks() {
		return new JdbcTasks(jdbc, dialect);
	}

	public JdbcClient jdbc() {
		return jdbc;
	}

	@Override
	public void close() {
		dataSource.close();
	}
}
