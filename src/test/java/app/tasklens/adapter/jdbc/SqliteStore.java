package app.tasklens.adapter.jdbc;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import app.tasklens.account.Invites;
import app.tasklens.account.Users;
import app.tasklens.admin.AdminReports;
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

	public Invites invites() {
		return new JdbcInvites(jdbc);
	}

	public AdminReports adminReports() {
		return new JdbcAdminReports(jdbc);
	}

	/** Transactions on this store's connections, as the application's transaction manager makes them. */
	public TransactionTemplate transactions() {
		return new TransactionTemplate(new JdbcTransactionManager(dataSource));
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
