package app.tasklens.adapter.dynamodb;

import app.tasklens.adapter.AttachmentsContract;
import app.tasklens.adapter.StoreFixture;

/** The Attachments contract on the DynamoDB adapter, against the DynamoDB stand-in. */
class DynamoDbAttachmentsTest extends AttachmentsContract {

	@Override
	protected StoreFixture open() {
		return new DynamoDbFixture();
	}
}
