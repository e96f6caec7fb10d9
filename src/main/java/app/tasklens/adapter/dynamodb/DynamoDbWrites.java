package app.tasklens.adapter.dynamodb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Sends the adapters' writes. An adapter operation hands over its writes as one group, which is atomic: one
 * conditional single-item call, or one {@code TransactWriteItems}. Inside a Spring transaction (see
 * {@link DynamoDbTransactionManager}) the groups are kept and sent together at commit instead, so that
 * what SQL does in one transaction is one {@code TransactWriteItems} here too.
 *
 * <p>DynamoDB takes at most {@value #MAX_ITEMS} items per transaction. A larger unit of work (a task deleted
 * with many images) is sent as several transactions of whole groups, in order: each adapter operation stays
 * atomic, and the task itself goes last, so a failure half-way leaves a task with fewer images, never an
 * image without its task or a file without its deletion record.
 */
final class DynamoDbWrites {

	static final int MAX_ITEMS = 100;

	private final DynamoDbClient client;

	DynamoDbWrites(DynamoDbClient client) {
		this.client = client;
	}

	DynamoDbClient client() {
		return client;
	}

	void apply(Write... group) {
		apply(List.of(group));
	}

	void apply(List<Write> group) {
		if (group.isEmpty()) {
			return;
		}
		UnitOfWork work = (UnitOfWork) TransactionSynchronizationManager.getResource(this);
		if (work != null) {
			work.add(group);
		}
		else {
			send(List.of(group));
		}
	}

	/** The writes of one transaction; two writes of one item are refused by DynamoDB, so they are merged here. */
	static final class UnitOfWork {

		private final List<List<Write>> groups = new ArrayList<>();
		private final Map<Map<String, AttributeValue>, Write> byKey = new LinkedHashMap<>();
		boolean rollbackOnly;

		void add(List<Write> group) {
			List<Write> kept = new ArrayList<>();
			for (Write write : group) {
				Write earlier = byKey.get(write.key());
				if (earlier == null) {
					byKey.put(write.key(), write);
					kept.add(write);
				}
				else if (!(earlier.isDelete() && write.isDelete() || earlier.item().equals(write.item()))) {
					// An adapter bug, not a user's: DynamoDB would cancel the whole transaction.
					throw new IllegalStateException("two different writes of one item in one transaction: " + write.key());
				}
			}
			if (!kept.isEmpty()) {
				groups.add(kept);
			}
		}

		List<List<Write>> groups() {
			return groups;
		}
	}

	/** Sends whole groups, as few calls as DynamoDB's limit allows. */
	void send(List<List<Write>> groups) {
		List<Write> batch = new ArrayList<>();
		for (List<Write> group : groups) {
			if (!batch.isEmpty() && batch.size() + group.size() > MAX_ITEMS) {
				sendAtomically(batch);
				batch = new ArrayList<>();
			}
			batch.addAll(group);
		}
		if (!batch.isEmpty()) {
			sendAtomically(batch);
		}
	}

	private void sendAtomically(List<Write> writes) {
		if (writes.size() == 1) {
			sendOne(writes.get(0));
			return;
		}
		List<Write> remaining = new ArrayList<>(writes);
		while (true) {
			try {
				client.transactWriteItems(request -> request.transactItems(remaining.stream().map(Write::item).toList()));
				return;
			}
			catch (TransactionCanceledException ex) {
				List<Write> soft = failedConditions(remaining, ex);
				// Writes that are simply not done when their condition fails are dropped and the rest tried again:
				// SQL's UPDATE that matches no row does not roll its transaction back either.
				if (soft.isEmpty()) {
					throw new ConcurrencyFailureException("a DynamoDB transaction was cancelled: " + ex.getMessage(), ex);
				}
				remaining.removeAll(soft);
				if (remaining.isEmpty()) {
					return;
				}
				if (remaining.size() == 1) {
					sendOne(remaining.get(0));
					return;
				}
			}
		}
	}

	/** The soft writes whose condition failed; throws the domain's exception of a failed hard one. */
	private static List<Write> failedConditions(List<Write> writes, TransactionCanceledException ex) {
		List<Write> soft = new ArrayList<>();
		List<CancellationReason> reasons = ex.cancellationReasons();
		for (int i = 0; i < reasons.size() && i < writes.size(); i++) {
			if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
				Write write = writes.get(i);
				if (write.onConditionFailed() != null) {
					throw write.onConditionFailed().get();
				}
				soft.add(write);
			}
		}
		return soft;
	}

	private void sendOne(Write write) {
		TransactWriteItem item = write.item();
		try {
			if (item.put() != null) {
				var put = item.put();
				client.putItem(PutItemRequest.builder().tableName(put.tableName()).item(put.item())
					.conditionExpression(put.conditionExpression()).expressionAttributeNames(names(put.expressionAttributeNames()))
					.expressionAttributeValues(values(put.expressionAttributeValues())).build());
			}
			else if (item.update() != null) {
				var update = item.update();
				client.updateItem(UpdateItemRequest.builder().tableName(update.tableName()).key(update.key())
					.updateExpression(update.updateExpression()).conditionExpression(update.conditionExpression())
					.expressionAttributeNames(names(update.expressionAttributeNames()))
					.expressionAttributeValues(values(update.expressionAttributeValues())).build());
			}
			else if (item.delete() != null) {
				var delete = item.delete();
				client.deleteItem(DeleteItemRequest.builder().tableName(delete.tableName()).key(delete.key())
					.conditionExpression(delete.conditionExpression())
					.expressionAttributeNames(names(delete.expressionAttributeNames()))
					.expressionAttributeValues(values(delete.expressionAttributeValues())).build());
			}
			else {
				throw new IllegalStateException("a condition check alone writes nothing");
			}
		}
		catch (ConditionalCheckFailedException ex) {
			if (write.onConditionFailed() != null) {
				throw write.onConditionFailed().get();
			}
		}
	}

	/** The SDK sends an empty map as {@code {}}, which DynamoDB refuses; absent is what it wants. */
	private static Map<String, String> names(Map<String, String> names) {
		return names == null || names.isEmpty() ? null : names;
	}

	private static Map<String, AttributeValue> values(Map<String, AttributeValue> values) {
		return values == null || values.isEmpty() ? null : values;
	}
}
