package app.tasklens.task;

import java.util.Optional;

/** The tasks of all users (port). Every read and write is scoped to an owner. */
public interface Tasks {

	void add(Task task);

	/** Stores the task's current state; the task exists. */
	void update(Task task);

	Optional<Task> find(String ownerId, String taskId);

	/** Tasks of {@code ownerId} matching {@code query}, newest first, at most {@code query.limit()}. */
	TaskPage list(String ownerId, TaskQuery query);

	/** @return whether a task was deleted */
	boolean delete(String ownerId, String taskId);
}
