/** Tasks: the {@link app.tasklens.task.Task} aggregate and its rules, the {@link app.tasklens.task.Tasks} port and the use cases. */
package app.tasklens.task;
