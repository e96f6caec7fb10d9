package app.tasklens.adapter.jdbc;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import app.tasklens.account.AccessKeys;
import app.tasklens.account.Users;
import app.tasklens.admin.AdminReports;
import app.tasklens.adapter.StoreFixture;
import app.tasklens.attachment.Attachments;
import app.tasklens.labeling.AttachmentLabels;
import app.tasklens.labeling.LabelingJobs;
import app.tasklens.task.Tasks;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JDBC adapters on a real database, configured and migrated as the product does it: a SQLite file in a
 * folder, or a database of its own on the test JVM's {@link PostgresServer}.
 */
final class JdbcFixture implements StoreFixture {

	private final HikariDataSource dataSource;
	private final SqlDialect dialect;
	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final Runnable dropDatabase;

	private JdbcFixture(HikariDataSource dataSource, Runnable dropDatabase) {
		this.dataSource = dataSource;
		this.dropDatabase = dropDatabase;
		dialect = SqlDialect.of(dataSource);
		jdbc = JdbcClient.create(dataSource);
		transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
	}

	/** On a SQLite file in {@code dir}, migrated by Flyway. */
	JdbcFixture(Path dir) {
		this(migrated(DataSourceConfiguration.sqlite(dir)), () -> { });
	}

	/** On a new PostgreSQL database (migrated by Flyway), dropped when closed. */
	static JdbcFixture postgres() {
		PostgresServer server = PostgresServer.get();
		String database = server.newDatabase();
		return new JdbcFixture(server.dataSource(database, 10), () -> server.dropDatabase(database));
	}

	private static HikariDataSource migrated(HikariDataSource dataSource) {
		Flyway.configure().dataSource(dataSource).load().migrate();
		return dataSource;
	}

	SqlDialect dialect() {
		return dialect;
	}

	JdbcClient jdbc() {
		return jdbc;
	}

	@Override
	public Users users() {
		return new JdbcUsers(jdbc);
	}

	@Override
	public AccessKeys accessKeys() {
		return new JdbcAccessKeys(jdbc);
	}

	@Override
	public Tasks tasks() {
		return new JdbcTasks(jdbc, dialect);
	}

	@Override
	public Attachments attachments() {
		return new JdbcAttachments(jdbc, Clock.systemUTC(), dialect);
	}

	@Override
	public AttachmentLabels labels() {
		return new JdbcAttachmentLabels(jdbc, JsonMapper.builder().build());
	}

	@Override
	public LabelingJobs jobs() {
		return new JdbcLabelingJobs(jdbc, dialect);
	}

	@Override
	public AdminReports adminReports() {
		return new JdbcAdminReports(jdbc);
	}

	@Override
	public <T> T inTransaction(Supplier<T> work) {
		return transactions.execute(status -> work.get());
	}

	@Override
	public void close() {
		dataSource.close();
		dropDatabase.run();
	}
}
