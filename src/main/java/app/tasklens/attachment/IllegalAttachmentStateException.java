package app.tasklens.attachment;

/** The attachment is not in a state that allows this step (relabel while labeling, upload twice…). */
public class IllegalAttachmentStateException extends RuntimeException {

	public IllegalAttachmentStateException(String message) {
		super(message);
	}
}
