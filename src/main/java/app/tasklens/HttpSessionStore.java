package app.tasklens;

import java.util.Optional;

/**
 * Where the web UI's sessions are kept when not in the server's memory (port): in the DynamoDB table on Lambda,
 * where every request may reach another instance, and in the database on PostgreSQL, so that any node behind a
 * load balancer serves a browser signed in on another. Sessions are Java-serialized attributes.
 */
public interface HttpSessionStore {

	/** The session {@code id}, unless there is none or it expired before {@code nowMillis}. */
	Optional<Stored> load(String id, long nowMillis);

	/** Stores or replaces the session {@code id}, to expire at {@code expiresAtMillis} unless saved again. */
	void save(String id, Stored session, long expiresAtMillis);

	void delete(String id);

	/** Times in epoch milliseconds; {@code renewedAt} is when the session was last saved. */
	record Stored(long createdAt, long renewedAt, byte[] attributes) {
	}
}
