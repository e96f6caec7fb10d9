package app.tasklens.task;

/** A task's title, notes, due date or done state changed; published in the transaction that stores it. */
public record TaskChanged(String ownerId, String taskId) {
}
