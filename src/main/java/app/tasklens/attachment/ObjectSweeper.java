package app.tasklens.attachment;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finishes what uploads left unfinished, and removes the objects of deleted attachments. An attachment
 * still waiting for its bytes whose object is in the store is taken as
 * {@linkplain AttachmentUploads#objectCreated created} (the client's completion call, or the store's
 * notice, never came: nothing stays stuck); one whose upload target expired without an object, or that
 * was rejected, is removed. Deletions are recorded in the database by the transaction that deletes an
 * attachment; this sweep runs right after such a commit, at start (after a crash) and every sweep
 * interval, so that no file outlives its attachment. One thread: sweeps never overlap.
 */
@Component
class ObjectSweeper implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ObjectSweeper.class);
	private static final int BATCH = 200;

	private final Attachments attachments;
	private final AttachmentUploads uploads;
	private final ObjectStore store;
	private final AttachmentSettings settings;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transactions;
	private final Clock clock;
	private ScheduledExecutorService executor;

	ObjectSweeper(Attachments attachments, AttachmentUploads uploads, ObjectStore store, AttachmentSettings settings,
			ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
		this.attachments = attachments;
		this.uploads = uploads;
		this.store = store;
		this.settings = settings;
		this.events = events;
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
		finishUploads();
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
	 * An upload that started just before its target expired may still be streaming: an attachment counts
	 * as abandoned only one more target lifetime after the expiry. A rejected one says why for as long.
	 */
	private void finishUploads() throws IOException {
		Instant cutoff = clock.instant().minus(settings.uploadUrlTtl());
		for (Attachment unfinished : attachments.unfinished(BATCH)) {
			if (unfinished.status() == AttachmentStatus.PENDING_UPLOAD) {
				Optional<Long> size = store.size(unfinished.objectKey());
				if (size.isPresent()) {
					uploads.objectCreated(unfinished.objectKey(), size.get());
					continue;
				}
			}
			if (unfinished.isAbandoned(cutoff)) {
				transactions.executeWithoutResult(status -> attachments.findById(unfinished.id())
					.filter(current -> current.isAbandoned(cutoff))
					.ifPresent(this::remove));
			}
		}
	}

	private void remove(Attachment attachment) {
		attachment.delete();
		attachments.remove(attachment);
		attachment.releaseEvents().forEach(events::publishEvent);
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
