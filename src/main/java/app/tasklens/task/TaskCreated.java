package app.tasklens.task;

/** A task was made; published after it is stored. {@code version} is its {@code updatedAt} in epoch millis. */
public record TaskCreated(String ownerId, String taskId, long version) {
}
