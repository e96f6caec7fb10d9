package app.tasklens.adapter.jdbc;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.tasklens.Ids;
import app.tasklens.account.User;
import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.ImageHeader;
import app.tasklens.attachment.ImageType;
import app.tasklens.task.Task;

/** The real embedded database in a folder, migrated, with a user, a task and attachments made through the adapters. */
final class Database implements AutoCloseable {

	final HikariDataSource dataSource;
	final JdbcClient jdbc;
	final JdbcAttachments attachments;

	Database(Path dir) {
		dataSource = new SqliteDataSourceConfiguration().dataSource(dir);
		Flyway.configure().dataSource(dataSource).load().migrate();
		jdbc = JdbcClient.create(dataSource);
		attachments = new JdbcAttachments(jdbc, Clock.systemUTC());
	}

	Task task() {
		User user = new User(Ids.random(), "user" + System.nanoTime(), "{noop}x", Instant.now());
		new JdbcUsers(jdbc).add(user);
		Task task = Task.create(user.id(), "a task", "", null, Instant.now());
		new JdbcTasks(jdbc).add(task);
		return task;
	}

	/** An attachment whose image was stored: version 1, UPLOADED. */
	Attachment uploadedAttachment(Task task) {
		Attachment attachment = Attachment.create(task.ownerId(), task.id(), "dog.jpg", ImageType.JPEG, 10L,
				Instant.now(), Duration.ofMinutes(15));
		attachments.add(attachment);
		Attachment stored = attachments.findById(attachment.id()).orElseThrow();
		stored.objectCreated(new ImageHeader(ImageType.JPEG, 4, 3, 1), 10, 10, Instant.now());
		attachments.update(stored);
		return attachments.findById(attachment.id()).orElseThrow();
	}

	@Override
	public void close() {
		dataSource.close();
	}
}
