package app.tasklens.labeling;

/** A label name the user typed that breaks a rule (empty, too long, control characters, too many labels). */
public class InvalidLabelException extends RuntimeException {

	public InvalidLabelException(String message) {
		super(message);
	}
}
