package app.tasklens.task;

/** A task was made; published after it is stored. */
public record TaskCreated(String ownerId, String taskId) {
}
