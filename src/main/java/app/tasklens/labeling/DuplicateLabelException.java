package app.tasklens.labeling;

/** The image has a label of that name already. */
public class DuplicateLabelException extends RuntimeException {

	public DuplicateLabelException(String name) {
		super("the image has the label " + name + " already");
	}
}
