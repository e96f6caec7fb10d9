package app.tasklens.labeling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import app.tasklens.Ids;
import app.tasklens.NodeRole;
import app.tasklens.attachment.LabelingRequested;

/**
 * The local labeling workers: a pool of threads that claim jobs from the outbox with a lease and hand
 * them to {@link LabelImage}. A committed labeling request wakes a worker at once; polling (at the next
 * due time, at most every poll interval) is the fallback for retries, other nodes' work and expired
 * leases of a crashed process.
 *
 * <p>A failed try is retried after an exponential backoff; after the last try the attachment is FAILED with
 * the reason. A job whose worker's process died while holding it is a suspect, not an ordinary failure:
 * the image may be what killed the process, or it was only in flight beside the one that did. It is tried
 * again alone on its node ({@link SuspectIsolation}); beyond {@code retries-after-crash} (one by default)
 * it is FAILED at once instead of being tried into the same death. While the detector is missing its models
 * the image waits for them (PENDING_MODEL) and is tried again every {@code model-wait}, using up no tries.
 */
@Component
public class LabelingWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LabelingWorker.class);
	/** Pause after the job store itself failed (database locked, disk full), to not spin. */
	private static final Duration STORE_FAILURE_PAUSE = Duration.ofSeconds(1);

	private final LabelingJobs jobs;
	private final LabelImage labelImage;
	private final LabelingSettings settings;
	private final MissingModels missingModels;
	private final Clock clock;
	/** Lease owner: unique per process, so a restarted process never mistakes a dead one's lease for its own. */
	private final String name = "labeler-" + Ids.random();
	/** How long a stopping node waits for its running jobs, well inside a service manager's stop timeout. */
	static final Duration STOP_WAIT = Duration.ofSeconds(10);
	private final Semaphore wakeups = new Semaphore(0);
	private final SuspectIsolation isolation = new SuspectIsolation();
	private final List<Thread> threads = new ArrayList<>();
	/** The jobs being labeled now, by id: handed back if still running when the node stops. */
	private final Map<String, LabelingJob> handling = new ConcurrentHashMap<>();
	private ScheduledExecutorService renewals;
	private volatile boolean running;
	private final NodeRole role;

	LabelingWorker(LabelingJobs jobs, LabelImage labelImage, LabelingSettings settings, MissingModels missingModels,
			Clock clock, Environment environment) {
		this.role = NodeRole.of(environment);
		this.jobs = jobs;
		this.labelImage = labelImage;
		this.settings = settings;
		this.missingModels = missingModels;
		this.clock = clock;
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void on(LabelingRequested requested) {
		wakeups.release();
	}

	private void work() {
		while (running) {
			// Drained before the claim: a wakeup that comes after it is kept for the wait below, one that
			// came before it is answered by the claim itself.
			wakeups.drainPermits();
			Optional<LabelingJob> job;
			try {
				job = jobs.claim(name, clock.instant(), clock.instant().plus(settings.lease()));
			}
			catch (RuntimeException ex) {
				log.warn("cannot claim labeling work", ex);
				sleep(STORE_FAILURE_PAUSE);
				continue;
			}
			if (job.isPresent()) {
				try {
					handle(job.get());
				}
				catch (RuntimeException ex) {
					// The job store failed while recording the outcome; the lease runs out and the job comes back.
					log.warn("cannot record the outcome of labeling job {}", job.get().id(), ex);
					sleep(STORE_FAILURE_PAUSE);
				}
			}
			else {
				awaitWork();
			}
		}
	}

	/**
	 * Labels the jobs that are due, one after another on the calling thread, until none is due or
	 * {@code until} has passed: how a process without worker threads labels (the object-created function on
	 * AWS, after each event and on its schedule). Retries, backoff and giving up are the workers' own.
	 *
	 * @return how many jobs were handled
	 */
	public int drain(Instant until) {
		synchronized (this) {
			if (renewals == null) {
				renewals = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "labeling-lease"));
			}
		}
		int handled = 0;
		while (clock.instant().isBefore(until)) {
			Optional<LabelingJob> job = jobs.claim(name, clock.instant(), clock.instant().plus(settings.lease()));
			if (job.isEmpty()) {
				break;
			}
			handle(job.get());
			handled++;
		}
		return handled;
	}

	private void handle(LabelingJob job) {
		if (job.crashes() > settings.retriesAfterCrash()) {
			giveUp(job, "the server stopped unexpectedly while labeling this image"
					+ (job.crashes() > 1 ? " (" + job.crashes() + " times)" : "")
					+ "; it is not tried again by itself in case the image caused it. Label it again to retry.");
			return;
		}
		long renewEvery = Math.max(100, settings.lease().toMillis() / 3);
		ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> renew(job), renewEvery, renewEvery,
				TimeUnit.MILLISECONDS);
		handling.put(job.id(), job);
		try {
			isolation.run(job.crashes() > 0, () -> labelImage.label(job.attachmentId(), job.version()));
			jobs.complete(job.id(), name);
			if (missingModels.areMissing()) {
				missingModels.present();
			}
		}
		catch (ModelsMissingException ex) {
			// The server's condition, not the image's: it waits (PENDING_MODEL) without using up a try.
			missingModels.missing(ex.getMessage(), clock.instant());
			jobs.postpone(job.id(), name, clock.instant().plus(settings.modelWait()));
		}
		catch (RuntimeException ex) {
			String reason = reason(ex);
			int tries = job.failures() + 1;
			if (tries >= settings.maxAttempts()) {
				giveUp(job, reason);
			}
			else {
				Instant next = clock.instant().plus(settings.backoffAfter(tries));
				log.info("labeling attachment {} failed (try {} of {}), again at {}: {}", job.attachmentId(),
						tries, settings.maxAttempts(), next, reason);
				jobs.retryLater(job.id(), name, next, reason);
			}
		}
		finally {
			handling.remove(job.id());
			renewal.cancel(false);
		}
	}

	private void giveUp(LabelingJob job, String reason) {
		log.warn("labeling attachment {} failed for good: {}", job.attachmentId(), reason);
		labelImage.fail(job.attachmentId(), job.version(), reason);
		jobs.complete(job.id(), name);
	}

	private void renew(LabelingJob job) {
		try {
			jobs.renew(job.id(), name, clock.instant().plus(settings.lease()));
		}
		catch (RuntimeException ex) {
			log.warn("cannot renew the lease of labeling job {}", job.id(), ex);
		}
	}

	private static String reason(RuntimeException ex) {
		String message = ex.getMessage();
		return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
	}

	/** Until woken, or the next job is due, or the poll interval passed. */
	private void awaitWork() {
		Duration wait = settings.pollInterval();
		try {
			Optional<Instant> due = jobs.nextDue();
			if (due.isPresent()) {
				Duration untilDue = Duration.between(clock.instant(), due.get());
				wait = untilDue.compareTo(wait) < 0 ? untilDue : wait;
			}
		}
		catch (RuntimeException ex) {
			log.warn("cannot read when labeling work is due", ex);
		}
		if (wait.isNegative() || wait.isZero()) {
			return;
		}
		try {
			wakeups.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void sleep(Duration pause) {
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public synchronized void start() {
		running = true;
		renewals = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "labeling-lease"));
		for (int i = 0; i < settings.workers(); i++) {
			Thread thread = daemon(this::work, "labeling-" + (i + 1));
			threads.add(thread);
			thread.start();
		}
		// The name its claims carry in labeling_jobs.lease_owner: which node holds a job, seen from the database.
		log.info("{} labeling threads, lease owner {}", settings.workers(), name);
	}

	/**
	 * Lets the running jobs finish for up to {@code STOP_WAIT} together, then hands back those still running: their
	 * lease is released (no try and no crash counted), so a worker on another node claims them at once instead of
	 * after the lease. What the stopped thread still does then is refused by the lease check.
	 */
	@Override
	public synchronized void stop() {
		running = false;
		wakeups.release(threads.size());
		long deadline = System.nanoTime() + STOP_WAIT.toNanos();
		for (Thread thread : threads) {
			try {
				thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		threads.clear();
		renewals.shutdownNow();
		for (LabelingJob job : List.copyOf(handling.values())) {
			try {
				jobs.postpone(job.id(), name, clock.instant());
				log.info("labeling job {} of attachment {} handed back at stop", job.id(), job.attachmentId());
			}
			catch (RuntimeException ex) {
				log.warn("cannot hand back labeling job {}; it is taken over when its lease runs out", job.id(), ex);
			}
		}
	}

	/** Not on a web node ({@code --role web}), nor where something else drains the jobs (a Lambda function). */
	@Override
	public boolean isAutoStartup() {
		return settings.background() && role.labels();
	}

	@Override
	public synchronized boolean isRunning() {
		return running;
	}

	private static Thread daemon(Runnable runnable, String name) {
		Thread thread = new Thread(runnable, name);
		thread.setDaemon(true);
		return thread;
	}
}
