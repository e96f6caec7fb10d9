package app.tasklens.adapter.dynamodb;

import org.junit.jupiter.api.AfterEach;

import app.tasklens.account.SignInAttempts;
import app.tasklens.adapter.SignInAttemptsContract;

/** The SignInAttempts contract on the DynamoDB adapter, against the DynamoDB stand-in. */
class DynamoDbSignInAttemptsTest extends SignInAttemptsContract {

	private DynamoDbFixture store;

	@Override
	protected SignInAttempts attempts() {
		if (store == null) {
			store = new DynamoDbFixture();
		}
		return new DynamoDbSignInAttempts(new DynamoDbWrites(store.client()), store.table());
	}

	@AfterEach
	void close() {
		if (store != null) {
			store.close();
		}
	}
}
