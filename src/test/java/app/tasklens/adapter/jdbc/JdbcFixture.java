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
import app.tasklens.adapter.StoreFixture;
import app.tasklens.attachment.Attachments;
import app.tasklens.labeling.AttachmentLabels;
import app.tasklens.labeling.LabelingJobs;
import app.tasklens.task.Tasks;
import tools.jackson.databind.json.JsonMapper;

/** The JDBC adapters on a real SQLite file in a folder, configured and migrated as the product does it. */
final class JdbcFixture implements StoreFixture {

	private final HikariDataSource dataSource;
	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;

	JdbcFixture(Path dir) {
		dataSource = new SqliteDataSourceConfiguration().dataSource(dir);
		Flyway.configure().dataSource(dataSource).load().migrate();
		jdbc = JdbcClient.create(dataSource);
		transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
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
		return new JdbcTasks(jdbc);
	}

	@Override
	public Attachments attachments() {
		return new JdbcAttachments(jdbc, Clock.systemUTC());
	}

	@Override
	public AttachmentLabels labels() {
		return new JdbcAttachmentLabels(jdbc, JsonMapper.builder().build());
	}

	@Override
	public LabelingJobs jobs() {
		return new JdbcLabelingJobs(jdbc);
	}

	@Override
	public <T> T inTransaction(Supplier<T> work) {
		return transactions.execute(status -> work.get());
	}

	@Override
	public void close() {
		dataSource.close();
	}
}
