package app.tasklens.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import app.tasklens.LiveEventLog;

/**
 * Live events in {@code live_events} on PostgreSQL, which several nodes share (one SQLite file serves one
 * node, whose events stay in its memory). The sequence is taken by {@code UPDATE live_event_sequence … RETURNING}
 * in the transaction that inserts the event; that row's lock makes appends commit one after the other in
 * sequence order, so readers polling by sequence miss none. Appends are a few per image, so one row suffices.
 */
// Not @JdbcStore: a @ConditionalOnExpression here would hide that one's, so the store's condition is part of this one.
@Repository
@ConditionalOnExpression("'${tasklens.store:sqlite}' != 'dynamodb' and '${tasklens.database.url:}' != ''")
class JdbcLiveEventLog implements LiveEventLog {

	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;

	JdbcLiveEventLog(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		transactions.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
	}

	@Override
	public void append(String ownerId, String name, String json, Instant now) {
		transactions.executeWithoutResult(status -> {
			long sequence = jdbc.sql("UPDATE live_event_sequence SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq")
				.query(Long.class)
				.single();
			jdbc.sql("""
					INSERT INTO live_events (seq, owner_id, name, payload, created_at)
					VALUES (:seq, :owner, :name, :payload, :now)""")
				.param("seq", sequence)
				.param("owner", ownerId)
				.param("name", name)
				.param("payload", json)
				.param("now", now.toEpochMilli())
				.update();
		});
	}

	@Override
	public List<Entry> after(long sequence, int limit) {
		return jdbc.sql("SELECT seq, owner_id, name, payload FROM live_events WHERE seq > ? ORDER BY seq LIMIT ?")
			.param(sequence)
			.param(limit)
			.query(JdbcLiveEventLog::entry)
			.list();
	}

	@Override
	public List<Entry> ofOwnerAfter(String ownerId, long sequence, int limit) {
		return jdbc.sql("""
				SELECT seq, owner_id, name, payload FROM live_events
				WHERE owner_id = :owner AND seq > :seq ORDER BY seq LIMIT :limit""")
			.param("owner", ownerId)
			.param("seq", sequence)
			.param("limit", limit)
			.query(JdbcLiveEventLog::entry)
			.list();
	}

	private static Entry entry(ResultSet rs, int row) throws SQLException {
		return new Entry(rs.getLong("seq"), rs.getString("owner_id"), rs.getString("name"), rs.getString("payload"));
	}

	@Override
	public Window window() {
		return jdbc.sql("SELECT forgotten_seq, last_seq FROM live_event_sequence WHERE id = 1")
			.query((rs, row) -> new Window(rs.getLong("forgotten_seq"), rs.getLong("last_seq")))
			.single();
	}

	@Override
	public long last() {
		return jdbc.sql("SELECT last_seq FROM live_event_sequence WHERE id = 1").query(Long.class).single();
	}

	/**
	 * By sequence, not by time: nodes' clocks differ a little, and a kept event below a deleted one would make
	 * a catch-up from before the deleted one look complete when it is not.
	 */
	@Override
	public void forgetBefore(Instant cutoff) {
		transactions.executeWithoutResult(status -> {
			long upTo = jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM live_events WHERE created_at < ?")
				.param(cutoff.toEpochMilli())
				.query(Long.class)
				.single();
			if (upTo == 0) {
				return;
			}
			jdbc.sql("UPDATE live_event_sequence SET forgotten_seq = ? WHERE id = 1 AND forgotten_seq < ?")
				.param(upTo)
				.param(upTo)
				.update();
			jdbc.sql("DELETE FROM live_events WHERE seq <= ?").param(upTo).update();
		});
	}
}
