package app.tasklens.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.tasklens.attachment.Attachment;
import app.tasklens.labeling.LabelingJob;
import app.tasklens.labeling.LabelingJobs;
import app.tasklens.task.Task;

/** What every adapter of {@link LabelingJobs} does; a subclass per adapter says how to open its store. */
public abstract class LabelingJobsContract {

	private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
	private static final Duration LEASE = Duration.ofSeconds(30);

	private StoreFixture db;
	private LabelingJobs jobs;
	private Task task;

	protected abstract StoreFixture open();

	@BeforeEach
	void openStore() {
		db = open();
		jobs = db.jobs();
		task = db.task();
	}

	@AfterEach
	void closeStore() {
		db.close();
	}

	@Test
	void aClaimedJobIsNobodyElsesUntilItsLeaseRunsOut() {
		Attachment attachment = db.uploadedAttachment(task);
		jobs.enqueue(attachment.id(), 1, T0);

		LabelingJob first = jobs.claim("a", T0, T0.plus(LEASE)).orElseThrow();
		Optional<LabelingJob> meanwhile = jobs.claim("b", T0.plusSeconds(29), T0.plusSeconds(29).plus(LEASE));
		LabelingJob taken = jobs.claim("b", T0.plusSeconds(31), T0.plusSeconds(31).plus(LEASE)).orElseThrow();

		assertThat(first.attachmentId()).isEqualTo(attachment.id());
		assertThat(first.version()).isEqualTo(1);
		assertThat(first.attempts()).isEqualTo(1);
		assertThat(meanwhile).isEmpty();
		assertThat(taken.id()).isEqualTo(first.id());
		assertThat(taken.attempts()).isEqualTo(2);
	}

	@Test
	void aRenewedLeaseKeepsTheJob() {
		jobs.enqueue(db.uploadedAttachment(task).id(), 1, T0);
		LabelingJob job = jobs.claim("a", T0, T0.plus(LEASE)).orElseThrow();

		assertThat(jobs.renew(job.id(), "a", T0.plusSeconds(60))).isTrue();

		assertThat(jobs.claim("b", T0.plusSeconds(45), T0.plusSeconds(90))).isEmpty();
		assertThat(jobs.renew(job.id(), "b", T0.plusSeconds(90))).isFalse();
	}

	@Test
	void theSameRequestTwiceIsOneJob() {
		Attachment attachment = db.uploadedAttachment(task);

		jobs.enqueue(attachment.id(), 1, T0);
		jobs.enqueue(attachment.id(), 1, T0.plusSeconds(1));

		assertThat(jobs.claim("a", T0.plusSeconds(2), T0.plus(LEASE))).isPresent();
		assertThat(jobs.claim("b", T0.plusSeconds(2), T0.plus(LEASE))).isEmpty();
	}

	@Test
	void aJobGivenBackWaitsForItsTimeAndKeepsItsError() {
		jobs.enqueue(db.uploadedAttachment(task).id(), 1, T0);
		LabelingJob job = jobs.claim("a", T0, T0.plus(LEASE)).orElseThrow();

		jobs.retryLater(job.id(), "a", T0.plusSeconds(4), "model missing");

		assertThat(jobs.nextDue()).contains(T0.plusSeconds(4));
		assertThat(jobs.claim("a", T0.plusSeconds(3), T0.plus(LEASE))).isEmpty();
		LabelingJob again = jobs.claim("a", T0.plusSeconds(4), T0.plus(LEASE)).orElseThrow();
		assertThat(again.attempts()).isEqualTo(2);
		assertThat(again.crashes()).as("given back, not died with it").isZero();
		assertThat(again.failures()).isEqualTo(1);
		assertThat(again.lastError()).isEqualTo("model missing");
	}

	@Test
	void aPostponedJobWaitsForItsTimeWithoutUsingUpAnAttempt() {
		jobs.enqueue(db.uploadedAttachment(task).id(), 1, T0);
		LabelingJob job = jobs.claim("a", T0, T0.plus(LEASE)).orElseThrow();

		jobs.postpone(job.id(), "a", T0.plusSeconds(5));

		assertThat(jobs.claim("b", T0.plusSeconds(4), T0.plus(LEASE))).isEmpty();
		LabelingJob again = jobs.claim("b", T0.plusSeconds(5), T0.plusSeconds(5).plus(LEASE)).orElseThrow();
		assertThat(again.attempts()).isEqualTo(1);
		assertThat(again.crashes()).isZero();
		assertThat(again.failures()).isZero();
	}

	@Test
	void takingOverALeaseThatRanOutCountsACrashOfItsHolder() {
		jobs.enqueue(db.uploadedAttachment(task).id(), 1, T0);

		LabelingJob first = jobs.claim("dead", T0, T0.plus(LEASE)).orElseThrow();
		LabelingJob takenOver = jobs.claim("b", T0.plusSeconds(31), T0.plusSeconds(31).plus(LEASE)).orElseThrow();

		assertThat(first.crashes()).isZero();
		assertThat(takenOver.attempts()).isEqualTo(2);
		assertThat(takenOver.crashes()).isEqualTo(1);
		assertThat(takenOver.failures()).isZero();
	}

	@Test
	void onlyTheLeaseHolderCompletesAJob() {
		jobs.enqueue(db.uploadedAttachment(task).id(), 1, T0);
		LabelingJob job = jobs.claim("a", T0, T0.plus(LEASE)).orElseThrow();
		jobs.claim("b", T0.plusSeconds(31), T0.plusSeconds(61)).orElseThrow();

		jobs.complete(job.id(), "a");
		assertThat(jobs.nextDue()).contains(T0.plusSeconds(61));

		jobs.complete(job.id(), "b");
		assertThat(jobs.nextDue()).isEmpty();
	}

	@Test
	void theDueJobComesFirst() {
		Attachment later = db.uploadedAttachment(task);
		Attachment sooner = db.uploadedAttachment(task);
		jobs.enqueue(later.id(), 1, T0.plusSeconds(5));
		jobs.enqueue(sooner.id(), 1, T0);

		assertThat(jobs.claim("a", T0.plusSeconds(10), T0.plus(LEASE)).orElseThrow().attachmentId())
			.isEqualTo(sooner.id());
	}

	@Test
	void deletingTheAttachmentDeletesItsJob() {
		Attachment attachment = db.uploadedAttachment(task);
		jobs.enqueue(attachment.id(), 1, T0);

		db.attachments().remove(attachment);

		assertThat(jobs.nextDue()).isEmpty();
	}

	@Test
	void concurrentWorkersNeverClaimTheSameJob() throws Exception {
		int count = 40;
		for (int i = 0; i < count; i++) {
			jobs.enqueue(db.uploadedAttachment(task).id(), 1, T0);
		}
		Set<String> claimed = ConcurrentHashMap.newKeySet();
		List<String> duplicates = new ArrayList<>();
		ExecutorService workers = Executors.newFixedThreadPool(4);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> done = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			String worker = "w" + w;
			done.add(workers.submit(() -> {
				start.await();
				Optional<LabelingJob> job;
				while ((job = jobs.claim(worker, T0, T0.plus(LEASE))).isPresent()) {
					if (!claimed.add(job.get().id())) {
						synchronized (duplicates) {
							duplicates.add(job.get().id());
						}
					}
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> future : done) {
			future.get();
		}
		workers.shutdown();

		assertThat(claimed).hasSize(count);
		assertThat(duplicates).isEmpty();
	}
}
