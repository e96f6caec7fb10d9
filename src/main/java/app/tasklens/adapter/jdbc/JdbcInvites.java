package app.tasklens.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tasklens.account.Invite;
import app.tasklens.account.Invites;

@Repository
@JdbcStore
class JdbcInvites implements Invites {

	private final JdbcClient jdbc;

	JdbcInvites(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void add(Invite invite) {
		jdbc.sql("""
				INSERT INTO invites (id, token_hash, created_by, created_at, expires_at)
				VALUES (:id, :hash, :createdBy, :createdAt, :expiresAt)""")
			.param("id", invite.id())
			.param("hash", invite.tokenHash())
			.param("createdBy", invite.createdBy())
			.param("createdAt", invite.createdAt().toEpochMilli())
			.param("expiresAt", invite.expiresAt().toEpochMilli())
			.update();
	}

	@Override
	public List<Invite> madeBy(String userId) {
		return jdbc.sql("SELECT * FROM invites WHERE created_by = ? ORDER BY created_at DESC, id DESC")
			.param(userId)
			.query(JdbcInvites::invite)
			.list();
	}

	/** One conditional UPDATE: of two sign-ups racing for one link, the second changes no row. */
	@Override
	public boolean use(String tokenHash, String username, Instant now) {
		return jdbc.sql("""
				UPDATE invites SET used_by = :username, used_at = :now
				WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now""")
			.param("username", username)
			.param("now", now.toEpochMilli())
			.param("hash", tokenHash)
			.update() == 1;
	}

	@Override
	public boolean usable(String tokenHash, Instant now) {
		return jdbc.sql("SELECT COUNT(*) FROM invites WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")
			.param(tokenHash)
			.param(now.toEpochMilli())
			.query(Long.class)
			.single() > 0;
	}

	@Override
	public boolean revoke(String id, String userId) {
		return jdbc.sql("DELETE FROM invites WHERE id = ? AND created_by = ? AND used_at IS NULL")
			.param(id)
			.param(userId)
			.update() == 1;
	}

	private static Invite invite(ResultSet rs, int row) throws SQLException {
		long usedAt = rs.getLong("used_at");
		Instant used = rs.wasNull() ? null : Instant.ofEpochMilli(usedAt);
		return new Invite(rs.getString("id"), rs.getString("token_hash"), rs.getString("created_by"),
				Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("expires_at")),
				rs.getString("used_by"), used);
	}
}
