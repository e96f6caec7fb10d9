package app.tasklens.adapter.dynamodb;

import java.time.Clock;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionTemplate;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import app.tasklens.Ids;
import app.tasklens.account.AccessKeys;
import app.tasklens.account.Users;
import app.tasklens.admin.AdminReports;
import app.tasklens.adapter.StoreFixture;
import app.tasklens.attachment.Attachments;
import app.tasklens.labeling.AttachmentLabels;
import app.tasklens.labeling.LabelingJobs;
import app.tasklens.task.Tasks;
import tools.jackson.databind.json.JsonMapper;

/** The DynamoDB adapters on a fresh table of the DynamoDB stand-in, as the configuration wires them. */
final class DynamoDbFixture implements StoreFixture {

	private final DynamoDbClient client;
	private final String table = "t" + Ids.random().replace('-', 'x').replace('_', 'y');
	private final DynamoDbWrites writes;
	private final DynamoDbAttachments attachments;
	private final DynamoDbAttachmentLabels labels;
	private final TransactionTemplate transactions;

	DynamoDbFixture() {
		client = Dynalite.get().client();
		DynamoDbTable.create(client, table);
		writes = new DynamoDbWrites(client);
		attachments = new DynamoDbAttachments(writes, table, Clock.systemUTC());
		labels = new DynamoDbAttachmentLabels(writes, table, attachments, JsonMapper.builder().build());
		transactions = new TransactionTemplate(new DynamoDbTransactionManager(writes));
	}

	DynamoDbClient client() {
		return client;
	}

	String table() {
		return table;
	}

	@Override
	public Users users() {
		return new DynamoDbUsers(writes, table);
	}

	@Override
	public AccessKeys accessKeys() {
		return new DynamoDbAccessKeys(writes, table);
	}

	@Override
	public Tasks tasks() {
		return new DynamoDbTasks(writes, table, attachments, labels);
	}

	@Override
	public Attachments attachments() {
		return attachments;
	}

	@Override
	public AttachmentLabels labels() {
		return labels;
	}

	@Override
	public LabelingJobs jobs() {
		return new DynamoDbLabelingJobs(writes, table);
	}

	@Override
	public AdminReports adminReports() {
		return new DynamoDbAdminReports(writes, table);
	}

	@Override
	public <T> T inTransaction(Supplier<T> work) {
		return transactions.execute(status -> work.get());
	}

	@Override
	public void close() {
		client.deleteTable(request -> request.tableName(table));
		client.close();
	}
}
