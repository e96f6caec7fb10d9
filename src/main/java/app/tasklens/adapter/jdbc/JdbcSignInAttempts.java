package app.tasklens.adapter.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tasklens.account.SignInAttempts;

/**
 * Failed sign-ins in {@code sign_in_failures}, shared by every node on the database
 * ({@code tasklens.account.sign-in-attempts=database}, the default on PostgreSQL): a guess spread over the
 * nodes behind a load balancer counts as one. A failure is one upsert that starts the count again or adds one
 * to it and returns the result, so two nodes counting at once both count (PostgreSQL makes the second wait for
 * the first's row; SQLite runs one writer at a time). Every {@value #PRUNE_EVERY}th failure a node counts also
 * deletes the keys already forgotten.
 */
// Not @JdbcStore: a @ConditionalOnExpression here would hide that one's, so the store's condition is part of this one.
@Repository
@ConditionalOnExpression("'${tasklens.store:sqlite}' != 'dynamodb' and ('${tasklens.account.sign-in-attempts:}' == 'database'"
		+ " or ('${tasklens.account.sign-in-attempts:}' == '' and '${tasklens.database.url:}' != ''))")
class JdbcSignInAttempts implements SignInAttempts {

	static final int PRUNE_EVERY = 100;

	private final JdbcClient jdbc;
	private final AtomicLong counted = new AtomicLong();

	JdbcSignInAttempts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Failures failed(String key, Instant now, Duration forgetAfter) {
		if (counted.incrementAndGet() % PRUNE_EVERY == 0) {
			jdbc.sql("DELETE FROM sign_in_failures WHERE forget_at <= ?").param(now.toEpochMilli()).update();
		}
		return jdbc.sql("""
				INSERT INTO sign_in_failures (attempt_key, failures, last_failure, forget_at)
				VALUES (:key, 1, :now, :forgetAt)
				ON CONFLICT (attempt_key) DO UPDATE SET
				    failures = CASE WHEN sign_in_failures.last_failure > :cutoff THEN sign_in_failures.failures + 1 ELSE 1 END,
				    last_failure = :now, forget_at = :forgetAt
				RETURNING failures, last_failure""")
			.param("key", key)
			.param("now", now.toEpochMilli())
			.param("cutoff", now.minus(forgetAfter).toEpochMilli())
			.param("forgetAt", now.plus(forgetAfter).toEpochMilli())
			.query((rs, row) -> new Failures(rs.getLong("failures"), Instant.ofEpochMilli(rs.getLong("last_failure"))))
			.single();
	}

	@Override
	public Optional<Failures> failures(String key, Instant now, Duration forgetAfter) {
		return jdbc.sql("SELECT failures, last_failure FROM sign_in_failures WHERE attempt_key = ? AND last_failure > ?")
			.param(key)
			.param(now.minus(forgetAfter).toEpochMilli())
			.query((rs, row) -> new Failures(rs.getLong("failures"), Instant.ofEpochMilli(rs.getLong("last_failure"))))
			.optional();
	}

	@Override
	public void clear(String key) {
		jdbc.sql("DELETE FROM sign_in_failures WHERE attempt_key = ?").param(key).update();
	}
}
