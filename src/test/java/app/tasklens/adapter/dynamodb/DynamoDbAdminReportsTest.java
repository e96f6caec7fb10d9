package app.tasklens.adapter.dynamodb;

import app.tasklens.adapter.AdminReportsContract;
import app.tasklens.adapter.StoreFixture;

/** The AdminReports contract on the DynamoDB adapter, against the DynamoDB stand-in. */
class DynamoDbAdminReportsTest extends AdminReportsContract {

	@Override
	protected StoreFixture open() {
		return new DynamoDbFixture();
	}
}
