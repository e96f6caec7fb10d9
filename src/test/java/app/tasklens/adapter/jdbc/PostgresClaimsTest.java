package app.tasklens.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.tasklens.labeling.LabelingJob;
import app.tasklens.labeling.LabelingJobs;
import app.tasklens.task.Task;

/**
 * Labeling claims on PostgreSQL, where workers on many nodes claim at the same moment on connections of
 * their own: a claim passes over the row another claim holds instead of waiting for it, and however many
 * claim at once, every job is taken exactly once and nobody comes back empty-handed while jobs are left.
 */
class PostgresClaimsTest {

	private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
	private static final Duration LEASE = Duration.ofSeconds(30);

	private JdbcFixture db;
	private LabelingJobs jobs;
	private Task task;
	private final ExecutorService threads = Executors.newCachedThreadPool();

	@BeforeEach
	void openStore() {
		db = JdbcFixture.postgres();
		jobs = db.jobs();
		task = db.task();
	}

	@AfterEach
	void closeStore() {
		threads.shutdownNow();
		db.close();
	}

	@Test
	void aClaimPassesOverTheRowThatAnotherOpenClaimHolds() throws Exception {
		String first = db.uploadedAttachment(task).id();
		String second = db.uploadedAttachment(task).id();
		jobs.enqueue(first, 1, T0);
		jobs.enqueue(second, 1, T0);
		CountDownLatch claimed = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		// Worker a's claim stays uncommitted, holding its row, until the end of the test.
		Future<Optional<LabelingJob>> a = threads.submit(() -> db.inTransaction(() -> {
			Optional<LabelingJob> job = jobs.claim("a", T0, T0.plus(LEASE));
			claimed.countDown();
			await(release);
			return job;
		}));
		assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();

		Future<Optional<LabelingJob>> b = threads.submit(() -> jobs.claim("b", T0, T0.plus(LEASE)));
		Optional<LabelingJob> bs = b.get(5, TimeUnit.SECONDS);
		release.countDown();

		String as = a.get(10, TimeUnit.SECONDS).orElseThrow().attachmentId();
		assertThat(bs).as("b's claim, while a's is open").isPresent();
		assertThat(List.of(as, bs.get().attachmentId())).containsExactlyInAnyOrder(first, second);
	}

	@Test
	void manyWorkersAtOnceTakeEveryJobOnceAndNoneComesBackEmptyWhileJobsAreLeft() throws Exception {
		int count = 120;
		int workers = 8;
		for (int i = 0; i < count; i++) {
			jobs.enqueue(db.uploadedAttachment(task).id(), 1, T0);
		}
		Map<String, String> owners = new ConcurrentHashMap<>();
		List<String> twice = new ArrayList<>();
		AtomicInteger taken = new AtomicInteger();
		List<Integer> takenWhenEmpty = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> done = new ArrayList<>();
		for (int w = 0; w < workers; w++) {
			String worker = "w" + w;
			done.add(threads.submit(() -> {
				await(start);
				// Each claim in a transaction that holds its row a moment, as a node's commit does under load.
				Optional<LabelingJob> job;
				while ((job = db.inTransaction(() -> claimAndPause(worker))).isPresent()) {
					taken.incrementAndGet();
					if (owners.putIfAbsent(job.get().id(), worker) != null) {
						synchronized (twice) {
							twice.add(job.get().id());
						}
					}
				}
				synchronized (takenWhenEmpty) {
					takenWhenEmpty.add(taken.get());
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> future : done) {
			future.get(60, TimeUnit.SECONDS);
		}

		assertThat(owners).hasSize(count);
		assertThat(twice).isEmpty();
		// An empty claim is right only when every job left is held by one of the other workers' open claims;
		// the count read then may lag as many claims again, committed and not yet counted.
		assertThat(takenWhenEmpty).allSatisfy(seen -> assertThat(seen).isGreaterThanOrEqualTo(count - 2 * (workers - 1)));
	}

	private Optional<LabelingJob> claimAndPause(String worker) {
		Optional<LabelingJob> job = jobs.claim(worker, T0, T0.plus(LEASE));
		try {
			Thread.sleep(2);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return job;
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("latch not released");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
