package app.tasklens.adapter.dynamodb;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.SmartTransactionObject;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring's transactions on DynamoDB: the writes of a transaction are collected and sent at commit as one
 * {@code TransactWriteItems} (see {@link DynamoDbWrites}); a rollback sends nothing. Reads go straight to the
 * table and see what is committed: the use cases read, decide and then write, and the writes carry the
 * conditions (an attachment's revision, a username's absence) that SQL's locks give the JDBC adapters.
 */
final class DynamoDbTransactionManager extends AbstractPlatformTransactionManager {

	private final DynamoDbWrites writes;

	DynamoDbTransactionManager(DynamoDbWrites writes) {
		this.writes = writes;
	}

	private static final class Transaction implements SmartTransactionObject {
		DynamoDbWrites.UnitOfWork work;

		@Override
		public boolean isRollbackOnly() {
			return work != null && work.rollbackOnly;
		}

		@Override
		public void flush() {
		}
	}

	@Override
	protected Object doGetTransaction() {
		Transaction transaction = new Transaction();
		transaction.work = (DynamoDbWrites.UnitOfWork) TransactionSynchronizationManager.getResource(writes);
		return transaction;
	}

	@Override
	protected boolean isExistingTransaction(Object transaction) {
		return ((Transaction) transaction).work != null;
	}

	@Override
	protected void doBegin(Object transaction, TransactionDefinition definition) {
		DynamoDbWrites.UnitOfWork work = new DynamoDbWrites.UnitOfWork();
		TransactionSynchronizationManager.bindResource(writes, work);
		((Transaction) transaction).work = work;
	}

	@Override
	protected Object doSuspend(Object transaction) {
		((Transaction) transaction).work = null;
		return TransactionSynchronizationManager.unbindResource(writes);
	}

	@Override
	protected void doResume(Object transaction, Object suspendedResources) {
		TransactionSynchronizationManager.bindResource(writes, suspendedResources);
	}

	@Override
	protected void doCommit(DefaultTransactionStatus status) {
		writes.send(((Transaction) status.getTransaction()).work.groups());
	}

	@Override
	protected void doRollback(DefaultTransactionStatus status) {
		// Nothing was sent.
	}

	@Override
	protected void doSetRollbackOnly(DefaultTransactionStatus status) {
		// Participating code that failed marks the whole transaction; its commit then rolls back.
		((Transaction) status.getTransaction()).work.rollbackOnly = true;
	}

	@Override
	protected void doCleanupAfterCompletion(Object transaction) {
		if (TransactionSynchronizationManager.hasResource(writes)) {
			TransactionSynchronizationManager.unbindResource(writes);
		}
	}
}
