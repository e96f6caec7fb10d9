package app.tasklens.task;

/**
 * Published inside the transaction that deletes a task, so that whatever belongs to the task (its
 * attachments and their files) goes with it.
 */
public record TaskDeleted(String ownerId, String taskId) {
}
