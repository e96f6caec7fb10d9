package app.tasklens.adapter.dynamodb;

import app.tasklens.adapter.LabelingJobsContract;
import app.tasklens.adapter.StoreFixture;

/** The LabelingJobs contract on the DynamoDB adapter, against the DynamoDB stand-in. */
class DynamoDbLabelingJobsTest extends LabelingJobsContract {

	@Override
	protected StoreFixture open() {
		return new DynamoDbFixture();
	}
}
