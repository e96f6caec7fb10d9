package app.tasklens.task;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tasklens.account.AccountClosing;

/** The task use cases: load, let the task decide, save, publish. */
@Service
public class TaskService {

	private final Tasks tasks;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final CursorSeal cursors;
	private final AtomicLong lastCreated = new AtomicLong();

	TaskService(Tasks tasks, ApplicationEventPublisher events, Clock clock, CursorSeal cursors) {
		this.tasks = tasks;
		this.events = events;
		this.clock = clock;
		this.cursors = cursors;
	}

	public Task create(String ownerId, String title, String body, LocalDate dueDate) {
		Task task = Task.create(ownerId, title, body, dueDate, creationTime());
		tasks.add(task);
		events.publishEvent(new TaskCreated(ownerId, task.id(), task.updatedAt().toEpochMilli()));
		return task;
	}

	public Task get(String ownerId, String taskId) {
		return tasks.find(ownerId, taskId).orElseThrow(TaskNotFoundException::new);
	}

	/** A page of the user's tasks; its {@code nextCursor} is sealed for this user ({@link #cursor}). */
	public TaskPage list(String ownerId, TaskQuery query) {
		TaskPage page = tasks.list(ownerId, query);
		return new TaskPage(page.items(), cursors.seal(ownerId, page.nextCursor()));
	}

	/**
	 * The position named by a {@code nextCursor} that {@link #list} gave this user.
	 *
	 * @throws InvalidCursorException for any other text, another user's cursor included
	 */
	public TaskQuery.Cursor cursor(String ownerId, String nextCursor) {
		return cursors.open(ownerId, nextCursor);
	}

	@Transactional
	public Task update(String ownerId, String taskId, TaskPatch patch) {
		Task task = get(ownerId, taskId);
		task.apply(patch, now());
		tasks.update(task);
		events.publishEvent(new TaskChanged(ownerId, task.id(), task.updatedAt().toEpochMilli()));
		return task;
	}

	@Transactional
	public void delete(String ownerId, String taskId) {
		get(ownerId, taskId);
		events.publishEvent(new TaskDeleted(ownerId, taskId));
		tasks.delete(ownerId, taskId);
	}

	/** Runs inside the transaction that deletes the account: its tasks go, and with them their attachments. */
	@EventListener
	void on(AccountClosing closing) {
		TaskPage page;
		do {
			page = tasks.list(closing.userId(), TaskQuery.firstPage(TaskQuery.MAX_LIMIT));
			page.items().forEach(task -> delete(closing.userId(), task.id()));
		}
		while (!page.items().isEmpty());
	}

	/**
	 * Creation times are unique and increasing on this server, so that "newest first" is the order in which
	 * tasks were made even when two arrive within one millisecond.
	 */
	private Instant creationTime() {
		return Instant.ofEpochMilli(lastCreated.accumulateAndGet(now().toEpochMilli(), (last, now) -> Math.max(last + 1, now)));
	}

	/** The stores keep milliseconds; a task reads the same before and after it is stored. */
	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	/** Today in the server's time zone, for overdue highlighting. */
	public LocalDate today() {
		return LocalDate.now(clock);
	}
}
