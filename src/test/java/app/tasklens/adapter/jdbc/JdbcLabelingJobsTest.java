package app.tasklens.adapter.jdbc;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import app.tasklens.adapter.LabelingJobsContract;
import app.tasklens.adapter.StoreFixture;

/** The LabelingJobs contract on the JDBC adapter, on a real SQLite file. */
class JdbcLabelingJobsTest extends LabelingJobsContract {

	@TempDir
	Path dir;

	@Override
	protected StoreFixture open() {
		return new JdbcFixture(dir);
	}
}
