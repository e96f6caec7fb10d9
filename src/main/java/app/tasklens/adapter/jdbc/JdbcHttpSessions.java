package app.tasklens.adapter.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tasklens.HttpSessionStore;

/**
 * The web UI's sessions in {@code http_sessions} ({@code tasklens.web.sessions=database}, the default on
 * PostgreSQL), so that every node on the database serves a browser signed in on any of them. A save is one upsert;
 * every {@value #PRUNE_EVERY}th save a node makes also deletes the expired sessions.
 */
// Not @JdbcStore: a @ConditionalOnExpression here would hide that one's, so the store's condition is part of this one.
@Repository
@ConditionalOnExpression("'${tasklens.store:sqlite}' != 'dynamodb' and ('${tasklens.web.sessions:}' == 'database'"
		+ " or ('${tasklens.web.sessions:}' == '' and '${tasklens.database.url:}' != ''))")
class JdbcHttpSessions implements HttpSessionStore {

	static final int PRUNE_EVERY = 100;

	private final JdbcClient jdbc;
	private final AtomicLong saved = new AtomicLong();

	JdbcHttpSessions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<Stored> load(String id, long nowMillis) {
		return jdbc.sql("""
				SELECT created_at, renewed_at, attributes FROM http_sessions
				WHERE id_hash = :id AND expires_at >= :now""")
			.param("id", hash(id))
			.param("now", nowMillis)
			.query((rs, row) -> new Stored(rs.getLong("created_at"), rs.getLong("renewed_at"),
					Base64.getDecoder().decode(rs.getString("attributes"))))
			.optional();
	}

	@Override
	public void save(String id, Stored session, long expiresAtMillis) {
		if (saved.incrementAndGet() % PRUNE_EVERY == 0) {
			jdbc.sql("DELETE FROM http_sessions WHERE expires_at < ?").param(session.renewedAt()).update();
		}
		jdbc.sql("""
				INSERT INTO http_sessions (id_hash, created_at, renewed_at, expires_at, attributes)
				VALUES (:id, :created, :renewed, :expires, :attributes)
				ON CONFLICT (id_hash) DO UPDATE SET renewed_at = excluded.renewed_at, expires_at = excluded.expires_at,
				    attributes = excluded.attributes""")
			.param("id", hash(id))
			.param("created", session.createdAt())
			.param("renewed", session.renewedAt())
			.param("expires", expiresAtMillis)
			.param("attributes", Base64.getEncoder().encodeToString(session.attributes()))
			.update();
	}

	@Override
	public void delete(String id) {
		jdbc.sql("DELETE FROM http_sessions WHERE id_hash = ?").param(hash(id)).update();
	}

	private static String hash(String id) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}
}
