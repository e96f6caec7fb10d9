package app.tasklens.adapter.dynamodb;

import app.tasklens.adapter.UsersContract;
import app.tasklens.adapter.StoreFixture;

/** The Users contract on the DynamoDB adapter, against the DynamoDB stand-in. */
class DynamoDbUsersTest extends UsersContract {

	@Override
	protected StoreFixture open() {
		return new DynamoDbFixture();
	}
}
