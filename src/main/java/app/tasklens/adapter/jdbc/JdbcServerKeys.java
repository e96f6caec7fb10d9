package app.tasklens.adapter.jdbc;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tasklens.account.KeyFile;
import app.tasklens.account.ServerKey;
import app.tasklens.account.ServerKeys;

/**
 * Keys in {@code server_keys}, shared by every node on the database. A key not stored yet is taken from
 * the node's old key file in {@code <data>/keys/} when there is one (so that the sessions, tokens and sealed
 * secrets of an upgraded server stay valid), else made from {@link SecureRandom}; it is inserted with
 * {@code ON CONFLICT DO NOTHING} and read back, so that of nodes starting at once every one uses the key
 * whose insert came first (PostgreSQL makes the second insert wait for the first to commit, SQLite runs one
 * writer at a time). The key files are left where they are.
 */
@Repository
@JdbcStore
class JdbcServerKeys implements ServerKeys {

	private final JdbcClient jdbc;
	private final Path dataDir;
	private final Clock clock;
	private final SecureRandom random = new SecureRandom();

	JdbcServerKeys(JdbcClient jdbc, @Value("${tasklens.data-dir}") Path dataDir, Clock clock) {
		this.jdbc = jdbc;
		this.dataDir = dataDir;
		this.clock = clock;
	}

	@Override
	public byte[] key(ServerKey key) {
		return stored(key).orElseGet(() -> store(key, KeyFile.existing(dataDir, key.fileName(), ServerKey.BYTES)
			.orElseGet(this::fresh)));
	}

	/** Stores {@code candidate} unless a key is stored already, and returns the one stored. */
	byte[] store(ServerKey key, byte[] candidate) {
		jdbc.sql("""
				INSERT INTO server_keys (name, secret, created_at) VALUES (:name, :secret, :now)
				ON CONFLICT (name) DO NOTHING""")
			.param("name", key.id())
			.param("secret", Base64.getEncoder().encodeToString(candidate))
			.param("now", clock.millis())
			.update();
		return stored(key).orElseThrow(() -> new IllegalStateException("server key " + key.id() + " was not stored"));
	}

	private byte[] fresh() {
		byte[] fresh = new byte[ServerKey.BYTES];
		random.nextBytes(fresh);
		return fresh;
	}

	private Optional<byte[]> stored(ServerKey key) {
		return jdbc.sql("SELECT secret FROM server_keys WHERE name = ?")
			.param(key.id())
			.query(String.class)
			.optional()
			.map(Base64.getDecoder()::decode);
	}
}
