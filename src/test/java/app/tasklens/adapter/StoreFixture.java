package app.tasklens.adapter;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import app.tasklens.Ids;
import app.tasklens.account.AccessKeys;
import app.tasklens.account.User;
import app.tasklens.account.Users;
import app.tasklens.admin.AdminReports;
import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.Attachments;
import app.tasklens.attachment.ImageHeader;
import app.tasklens.attachment.ImageType;
import app.tasklens.labeling.AttachmentLabels;
import app.tasklens.labeling.LabelingJobs;
import app.tasklens.task.Task;
import app.tasklens.task.Tasks;

/**
 * One store's adapters of the domain's ports, fresh and empty, for the port contract tests: every adapter of
 * a port passes the same contract class. Test data is made through the ports, as the use cases make it.
 */
public interface StoreFixture extends AutoCloseable {

	Users users();

	AccessKeys accessKeys();

	Tasks tasks();

	Attachments attachments();

	AttachmentLabels labels();

	LabelingJobs jobs();

	AdminReports adminReports();

	/** Runs {@code work} in one transaction of this store, committed when it returns. */
	<T> T inTransaction(Supplier<T> work);

	@Override
	void close();

	default Task task() {
		User user = new User(Ids.random(), "user" + System.nanoTime(), "{noop}x", Instant.now());
		users().add(user);
		Task task = Task.create(user.id(), "a task", "", null, Instant.now());
		tasks().add(task);
		return task;
	}

	/** An attachment whose image was stored: version 1, UPLOADED. */
	default Attachment uploadedAttachment(Task task) {
		Attachment attachment = Attachment.create(task.ownerId(), task.id(), "dog.jpg", ImageType.JPEG, 10L,
				Instant.now(), Duration.ofMinutes(15));
		attachments().add(attachment);
		Attachment stored = attachments().findById(attachment.id()).orElseThrow();
		stored.objectCreated(new ImageHeader(ImageType.JPEG, 4, 3, 1), 10, 10, Instant.now());
		attachments().update(stored);
		return attachments().findById(attachment.id()).orElseThrow();
	}
}
