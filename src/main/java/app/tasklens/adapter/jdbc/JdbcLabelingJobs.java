package app.tasklens.adapter.jdbc;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tasklens.Ids;
import app.tasklens.labeling.LabelingJob;
import app.tasklens.labeling.LabelingJobs;

/**
 * The labeling outbox in a table. A claim is one {@code UPDATE … RETURNING} (SQLite and PostgreSQL both
 * have it): the row is picked by a subquery and the outer condition repeats the lease test, so when two
 * workers pick the same row only the first update matches and the other gets nothing. On PostgreSQL the
 * subquery also locks the row it picks and skips rows that other claims hold ({@link SqlDialect#skipLocked}),
 * so that workers on many nodes take different jobs at once instead of waiting on the first one and
 * coming back empty-handed. Taking over a row whose lease ran out with an owner counts a crash of that owner.
 */
@Repository
@JdbcStore
class JdbcLabelingJobs implements LabelingJobs {

	private static final String CLAIMABLE = "available_at <= :now AND (lease_until IS NULL OR lease_until < :now)";

	private final JdbcClient jdbc;
	private final String claim;

	JdbcLabelingJobs(JdbcClient jdbc, SqlDialect dialect) {
		this.jdbc = jdbc;
		// The right-hand sides see the row as it was: an owner still set means that owner died holding it.
		this.claim = "UPDATE labeling_jobs SET lease_owner = :worker, lease_until = :until, attempts = attempts + 1,"
				+ " crashes = crashes + CASE WHEN lease_owner IS NULL THEN 0 ELSE 1 END"
				+ " WHERE id = (SELECT id FROM labeling_jobs WHERE " + CLAIMABLE + " ORDER BY available_at, id LIMIT 1"
				+ dialect.skipLocked() + ")"
				+ " AND " + CLAIMABLE
				+ " RETURNING id, attachment_id, version, attempts, crashes, last_error";
	}

	@Override
	public void enqueue(String attachmentId, int version, Instant now) {
		jdbc.sql("""
				INSERT INTO labeling_jobs (id, attachment_id, version, attempts, available_at, created_at)
				VALUES (?, ?, ?, 0, ?, ?)
				ON CONFLICT (attachment_id, version) DO NOTHING""")
			.params(Ids.random(), attachmentId, version, now.toEpochMilli(), now.toEpochMilli())
			.update();
	}

	@Override
	public Optional<LabelingJob> claim(String worker, Instant now, Instant leaseUntil) {
		return jdbc.sql(claim)
			.param("worker", worker)
			.param("until", leaseUntil.toEpochMilli())
			.param("now", now.toEpochMilli())
			.query((rs, row) -> new LabelingJob(rs.getString("id"), rs.getString("attachment_id"), rs.getInt("version"),
					rs.getInt("attempts"), rs.getInt("crashes"), rs.getString("last_error")))
			.optional();
	}

	@Override
	public boolean renew(String jobId, String worker, Instant leaseUntil) {
		return jdbc.sql("UPDATE labeling_jobs SET lease_until = ? WHERE id = ? AND lease_owner = ?")
			.params(leaseUntil.toEpochMilli(), jobId, worker)
			.update() > 0;
	}

	@Override
	public void complete(String jobId, String worker) {
		jdbc.sql("DELETE FROM labeling_jobs WHERE id = ? AND lease_owner = ?").params(jobId, worker).update();
	}

	@Override
	public void retryLater(String jobId, String worker, Instant availableAt, String error) {
		jdbc.sql("""
				UPDATE labeling_jobs SET lease_owner = NULL, lease_until = NULL, available_at = ?, last_error = ?
				WHERE id = ? AND lease_owner = ?""")
			.params(availableAt.toEpochMilli(), truncate(error), jobId, worker)
			.update();
	}

	@Override
	public void postpone(String jobId, String worker, Instant availableAt) {
		jdbc.sql("""
				UPDATE labeling_jobs SET lease_owner = NULL, lease_until = NULL, available_at = ?, attempts = attempts - 1
				WHERE id = ? AND lease_owner = ?""")
			.params(availableAt.toEpochMilli(), jobId, worker)
			.update();
	}

	@Override
	public Optional<Instant> nextDue() {
		return jdbc.sql("""
				SELECT MIN(CASE WHEN lease_until IS NULL OR lease_until < available_at THEN available_at
				                ELSE lease_until END) FROM labeling_jobs""")
			.query(Long.class)
			.list()
			.stream()
			.filter(Objects::nonNull)
			.findFirst()
			.map(Instant::ofEpochMilli);
	}

	private static String truncate(String error) {
		return error == null || error.length() <= 4000 ? error : error.substring(0, 3999) + "…";
	}
}
