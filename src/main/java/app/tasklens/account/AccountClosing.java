package app.tasklens.account;

/**
 * An account is about to be deleted: published inside the transaction that deletes it, so that what the
 * user owns goes in the same transaction (the task feature deletes their tasks, and with them their
 * attachments and files).
 */
public record AccountClosing(String userId) {
}
