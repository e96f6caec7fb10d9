package app.tasklens.labeling;

/**
 * The detector's model files are not in place (missing, or not the pinned ones): a condition of the server
 * that an operator fixes, not a failure of an image. Images wait for the models instead of using up their
 * tries. The message tells the operator which file to put where.
 */
public class ModelsMissingException extends DetectorUnavailableException {

	public ModelsMissingException(String message) {
		super(message);
	}

	public ModelsMissingException(String message, Throwable cause) {
		super(message, cause);
	}
}
