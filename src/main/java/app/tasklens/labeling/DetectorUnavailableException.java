package app.tasklens.labeling;

/**
 * The detector cannot run now, for example because a model file is missing. The message says what an
 * operator should do ("model X missing: put file Y (sha256 …) in DIR").
 */
public class DetectorUnavailableException extends RuntimeException {

	public DetectorUnavailableException(String message) {
		super(message);
	}

	public DetectorUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}
}
