package app.tasklens.adapter.dynamodb;

import app.tasklens.adapter.TasksContract;
import app.tasklens.adapter.StoreFixture;

/** The Tasks contract on the DynamoDB adapter, against the DynamoDB stand-in. */
class DynamoDbTasksTest extends TasksContract {

	@Override
	protected StoreFixture open() {
		return new DynamoDbFixture();
	}
}
