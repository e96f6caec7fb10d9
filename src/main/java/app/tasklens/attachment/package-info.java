/**
 * Image attachments of tasks: the {@link app.tasklens.attachment.Attachment} aggregate and its labeling
 * state machine, signed upload URLs, the checks an image passes before it is stored, and the
 * {@link app.tasklens.attachment.ObjectStore} port that keeps the bytes.
 */
package app.tasklens.attachment;
