package app.tasklens.attachment;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes the objects of deleted attachments, and attachments whose upload never came. Deletions are
 * recorded in the database by the transaction that deletes an attachment; this sweep runs right after
 * such a commit, at start (after a crash) and every sweep interval, so that no file outlives its
 * attachment. One thread: sweeps never overlap.
 */
@Component
class ObjectSweeper implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ObjectSweeper.class);
	private static final int BATCH = 200;

	private final Attachments attachments;
	private final ObjectStore store;
	private final AttachmentSettings settings;
	private final TransactionTemplate transactions;
	private final Clock clock;
	private ScheduledExecutorService executor;

	ObjectSweeper(Attachments attachments, ObjectStore store, AttachmentSettings settings,
			TransactionTemplate transactions, Clock clock) {
		this.attachments = attachments;
		this.store = store;
		this.settings = settings;
		this.transactions = transactions;
		this.clock = clock;
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void on(AttachmentDeleted deleted) {
		sweepSoon();
	}

	synchronized void sweepSoon() {
		if (executor != null) {
			executor.execute(this::sweepQuietly);
		}
	}

	private void sweepQuietly() {
		try {
			sweep();
		}
		catch (RuntimeException | IOException ex) {
			log.warn("sweeping deleted objects failed; the next sweep tries again", ex);
		}
	}

	void sweep() throws IOException {
		removeAbandonedUploads();
		List<String> keys;
		do {
			keys = attachments.objectsToDelete(BATCH);
			for (String key : keys) {
				store.delete(key);
				attachments.objectDeleted(key);
			}
		}
		while (keys.size() == BATCH);
	}

	/**
	 * An upload that started just before its URL expired may still be streaming: an attachment counts as
	 * abandoned only one more URL lifetime after the expiry.
	 */
	private void removeAbandonedUploads() {
		Instant cutoff = clock.instant().minus(settings.uploadUrlTtl());
		for (Attachment abandoned : attachments.abandoned(cutoff, BATCH)) {
			transactions.executeWithoutResult(status -> attachments.findById(abandoned.id())
				.filter(current -> current.isAbandoned(cutoff))
				.ifPresent(attachments::remove));
		}
	}

	@Override
	public synchronized void start() {
		executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "object-sweeper");
			thread.setDaemon(true);
			return thread;
		});
		long interval = settings.sweepInterval().toMillis();
		executor.scheduleWithFixedDelay(this::sweepQuietly, 0, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		executor.shutdownNow();
		try {
			executor.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		executor = null;
	}

	@Override
	public synchronized boolean isRunning() {
		return executor != null;
	}
}
