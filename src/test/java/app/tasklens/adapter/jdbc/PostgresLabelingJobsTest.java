package app.tasklens.adapter.jdbc;

import app.tasklens.adapter.LabelingJobsContract;
import app.tasklens.adapter.StoreFixture;

/** The LabelingJobs contract on the JDBC adapter, on a real PostgreSQL 15 (a database of its own per test). */
class PostgresLabelingJobsTest extends LabelingJobsContract {

	@Override
	protected StoreFixture open() {
		return JdbcFixture.postgres();
	}
}
