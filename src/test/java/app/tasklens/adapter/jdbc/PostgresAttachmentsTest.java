package app.tasklens.adapter.jdbc;

import app.tasklens.adapter.AttachmentsContract;
import app.tasklens.adapter.StoreFixture;

/** The Attachments contract on the JDBC adapter, on a real PostgreSQL 15 (a database of its own per test). */
class PostgresAttachmentsTest extends AttachmentsContract {

	@Override
	protected StoreFixture open() {
		return JdbcFixture.postgres();
	}
}
