package app.tasklens.adapter.dynamodb;

import app.tasklens.adapter.AccessKeysContract;
import app.tasklens.adapter.StoreFixture;

/** The AccessKeys contract on the DynamoDB adapter, against the DynamoDB stand-in. */
class DynamoDbAccessKeysTest extends AccessKeysContract {

	@Override
	protected StoreFixture open() {
		return new DynamoDbFixture();
	}
}
