package app.tasklens.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tasklens.account.AccessKey;
import app.tasklens.account.AccessKeys;

@Repository
@JdbcStore
class JdbcAccessKeys implements AccessKeys {

	private final JdbcClient jdbc;

	JdbcAccessKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void add(AccessKey key) {
		jdbc.sql("""
				INSERT INTO access_keys (id, owner_id, secret_sealed, created_at)
				VALUES (:id, :owner, :sealed, :createdAt)""")
			.param("id", key.id())
			.param("owner", key.ownerId())
			.param("sealed", key.sealedSecret())
			.param("createdAt", key.createdAt().toEpochMilli())
			.update();
	}

	@Override
	public Optional<AccessKey> findById(String id) {
		return jdbc.sql("SELECT * FROM access_keys WHERE id = ?").param(id).query(JdbcAccessKeys::key).optional();
	}

	@Override
	public List<AccessKey> listByOwner(String ownerId) {
		return jdbc.sql("SELECT * FROM access_keys WHERE owner_id = ? ORDER BY created_at, id").param(ownerId)
			.query(JdbcAccessKeys::key).list();
	}

	@Override
	public boolean remove(String ownerId, String id) {
		return jdbc.sql("DELETE FROM access_keys WHERE id = :id AND owner_id = :owner").param("id", id)
			.param("owner", ownerId).update() == 1;
	}

	private static AccessKey key(ResultSet rs, int row) throws SQLException {
		return new AccessKey(rs.getString("id"), rs.getString("owner_id"), rs.getString("secret_sealed"),
				Instant.ofEpochMilli(rs.getLong("created_at")));
	}
}
