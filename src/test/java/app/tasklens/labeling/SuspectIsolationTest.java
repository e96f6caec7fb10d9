package app.tasklens.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

class SuspectIsolationTest {

	private final SuspectIsolation isolation = new SuspectIsolation();
	private final List<String> started = new CopyOnWriteArrayList<>();

	@Test
	void ordinaryJobsRunSideBySide() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		Thread first = job("first", false, release);
		Thread second = job("second", false, release);

		await().atMost(Duration.ofSeconds(30)).until(() -> started.size() == 2);
		release.countDown();
		first.join();
		second.join();
	}

	@Test
	void aSuspectWaitsForTheRunningJobsAndHoldsBackNewOnesUntilItIsDone() throws Exception {
		CountDownLatch releaseOrdinary = new CountDownLatch(1);
		CountDownLatch releaseSuspect = new CountDownLatch(1);
		Thread ordinary = job("ordinary", false, releaseOrdinary);
		await().atMost(Duration.ofSeconds(30)).until(() -> started.contains("ordinary"));

		Thread suspect = job("suspect", true, releaseSuspect);
		awaitBlocked(suspect);
		assertThat(started).as("the suspect waits for the running job").containsExactly("ordinary");

		Thread later = job("later", false, new CountDownLatch(0));
		awaitBlocked(later);
		releaseOrdinary.countDown();
		await().atMost(Duration.ofSeconds(30)).until(() -> started.contains("suspect"));
		awaitBlocked(later);
		assertThat(started).as("no job starts beside the suspect").containsExactly("ordinary", "suspect");

		releaseSuspect.countDown();
		later.join();
		assertThat(started).containsExactly("ordinary", "suspect", "later");
		ordinary.join();
		suspect.join();
	}

	private Thread job(String name, boolean suspect, CountDownLatch release) {
		Thread thread = new Thread(() -> isolation.run(suspect, () -> {
			started.add(name);
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}), name);
		thread.start();
		return thread;
	}

	/** Parked on the lock, not merely not yet started. */
	private static void awaitBlocked(Thread thread) {
		await().atMost(Duration.ofSeconds(30)).until(() -> thread.getState() == Thread.State.WAITING
				&& java.util.Arrays.stream(thread.getStackTrace())
					.anyMatch(frame -> frame.getClassName().contains("ReentrantReadWriteLock")));
	}
}
