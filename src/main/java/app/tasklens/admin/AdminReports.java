package app.tasklens.admin;

import java.time.Instant;
import java.util.List;

/** Figures across all accounts, read for the admin page (port). */
public interface AdminReports {

	/** Every account, oldest first. */
	List<UserUsage> users();

	LabelingQueue queue(Instant now);

	/** The most recently failed images, newest first. */
	List<LabelingFailure> recentFailures(int limit);

	/**
	 * One account and what it stores: images and bytes count stored images only (not uploads that are pending
	 * or were rejected), as the storage quota does.
	 */
	record UserUsage(String id, String username, Instant createdAt, boolean admin, boolean disabled, long tasks,
			long images, long storedBytes) {
	}

	/**
	 * @param jobs images waiting for labeling or being labeled (labeling jobs)
	 * @param labelingNow of them, the ones a worker holds a lease on
	 * @param waitingForModels images paused until the models are in place
	 */
	record LabelingQueue(long jobs, long labelingNow, long waitingForModels) {
	}

	/** An image whose labeling failed, with the reason its owner sees. */
	record LabelingFailure(String attachmentId, String taskId, String username, String filename, String reason,
			Instant failedAt) {
	}
}
