package app.tasklens.task;

/** A task's title, notes, due date or done state changed; published in the transaction that stores it.
 * {@code version} is its new {@code updatedAt} in epoch millis. */
public record TaskChanged(String ownerId, String taskId, long version) {
}
