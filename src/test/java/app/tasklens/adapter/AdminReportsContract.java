package app.tasklens.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.tasklens.Ids;
import app.tasklens.account.User;
import app.tasklens.admin.AdminReports;
import app.tasklens.admin.AdminReports.UserUsage;
import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.ImageHeader;
import app.tasklens.attachment.ImageType;
import app.tasklens.task.Task;

/**
 * What every adapter of {@link AdminReports} counts for the admin page: each account with its tasks and its
 * stored images and bytes (not pending or rejected uploads, as the storage quota), the labeling queue with the
 * jobs a worker holds, images paused for the models, and the most recent failures with their owner's name.
 */
public abstract class AdminReportsContract {

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	private StoreFixture store;
	private AdminReports reports;

	protected abstract StoreFixture open();

	@BeforeEach
	void openStore() {
		store = open();
		reports = store.adminReports();
	}

	@AfterEach
	void closeStore() {
		store.close();
	}

	private Task taskOfANewAccount(Instant createdAt) {
		User user = new User(Ids.random(), "user" + System.nanoTime(), "{noop}x", createdAt);
		store.users().add(user);
		Task task = Task.create(user.id(), "a task", "", null, createdAt);
		store.tasks().add(task);
		return task;
	}

	private Attachment pending(Task task, String filename, long bytes) {
		Attachment attachment = Attachment.create(task.ownerId(), task.id(), filename, ImageType.PNG, bytes, NOW,
				Duration.ofMinutes(15));
		store.attachments().add(attachment);
		return store.attachments().findById(attachment.id()).orElseThrow();
	}

	private Attachment stored(Task task, String filename, long bytes) {
		Attachment read = pending(task, filename, bytes);
		read.objectCreated(new ImageHeader(ImageType.PNG, 4, 3, 1), bytes, 1_000_000, NOW);
		store.attachments().update(read);
		return store.attachments().findById(read.id()).orElseThrow();
	}

	private static UserUsage usage(List<UserUsage> users, String id) {
		return users.stream().filter(user -> user.id().equals(id)).findFirst()
			.orElseThrow(() -> new AssertionError(id + " is not listed in " + users));
	}

	@Test
	void eachAccountIsListedOldestFirstWithItsTasksAndStoredImages() {
		Task second = taskOfANewAccount(NOW.minusSeconds(5));
		Task first = taskOfANewAccount(NOW.minusSeconds(10));
		store.tasks().add(Task.create(second.ownerId(), "another task", "", null, NOW));
		stored(second, "a.png", 300);
		stored(second, "b.png", 200);
		Attachment rejected = pending(second, "c.png", 900);
		rejected.rejected("not an image", NOW);
		store.attachments().update(rejected);
		pending(second, "pending.png", 50);

		List<UserUsage> users = reports.users();

		assertThat(users).extracting(UserUsage::id).containsExactly(first.ownerId(), second.ownerId());
		UserUsage one = usage(users, first.ownerId());
		assertThat(List.of(one.tasks(), one.images(), one.storedBytes())).containsExactly(1L, 0L, 0L);
		UserUsage two = usage(users, second.ownerId());
		assertThat(List.of(two.tasks(), two.images(), two.storedBytes())).as("tasks, stored images, bytes")
			.containsExactly(2L, 2L, 500L);
		assertThat(two.username()).isEqualTo(store.users().findById(second.ownerId()).orElseThrow().username());
		assertThat(two.admin()).isFalse();
		assertThat(two.disabled()).isFalse();
	}

	@Test
	void theQueueCountsJobsThoseAWorkerHoldsAndImagesPausedForTheModels() {
		Task task = store.task();
		Attachment waiting = stored(task, "waiting.png", 10);
		Attachment held = stored(task, "held.png", 10);
		Attachment paused = stored(task, "paused.png", 10);
		paused.waitForModels(NOW);
		store.attachments().update(paused);
		assertThat(reports.queue(NOW)).isEqualTo(new AdminReports.LabelingQueue(0, 0, 1));

		store.jobs().enqueue(waiting.id(), waiting.version(), NOW.minusSeconds(2));
		store.jobs().enqueue(held.id(), held.version(), NOW.minusSeconds(1));
		store.jobs().claim("worker-1", NOW, NOW.plusSeconds(60)).orElseThrow();

		assertThat(reports.queue(NOW)).isEqualTo(new AdminReports.LabelingQueue(2, 1, 1));
		assertThat(reports.queue(NOW.plusSeconds(61))).as("a lease that ran out is no longer labeling")
			.isEqualTo(new AdminReports.LabelingQueue(2, 0, 1));
	}

	@Test
	void theMostRecentFailuresComeFirstWithTheOwnersNameAndReason() {
		Task task = store.task();
		Attachment older = stored(task, "older.png", 10);
		older.startLabeling(NOW);
		older.failed("the image cannot be read", NOW.plusSeconds(1));
		store.attachments().update(older);
		Attachment newer = stored(task, "newer.png", 10);
		newer.startLabeling(NOW);
		newer.failed("the labeling model failed", NOW.plusSeconds(2));
		store.attachments().update(newer);
		stored(task, "fine.png", 10);

		List<AdminReports.LabelingFailure> failures = reports.recentFailures(20);

		assertThat(failures).extracting(AdminReports.LabelingFailure::filename).containsExactly("newer.png", "older.png");
		AdminReports.LabelingFailure first = failures.get(0);
		assertThat(first.attachmentId()).isEqualTo(newer.id());
		assertThat(first.taskId()).isEqualTo(task.id());
		assertThat(first.username()).isEqualTo(store.users().findById(task.ownerId()).orElseThrow().username());
		assertThat(first.reason()).isEqualTo("the labeling model failed");
		assertThat(first.failedAt()).isEqualTo(NOW.plusSeconds(2));
		assertThat(reports.recentFailures(1)).extracting(AdminReports.LabelingFailure::filename)
			.containsExactly("newer.png");
	}
}
