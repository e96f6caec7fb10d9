package app.tasklens.adapter.jdbc;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import app.tasklens.adapter.AttachmentsContract;
import app.tasklens.adapter.StoreFixture;

/** The Attachments contract on the JDBC adapter, on a real SQLite file. */
class JdbcAttachmentsTest extends AttachmentsContract {

	@TempDir
	Path dir;

	@Override
	protected StoreFixture open() {
		return new JdbcFixture(dir);
	}
}
