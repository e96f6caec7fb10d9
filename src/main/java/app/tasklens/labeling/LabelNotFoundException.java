package app.tasklens.labeling;

/** The image has no label of that name (any more). */
public class LabelNotFoundException extends RuntimeException {

	public LabelNotFoundException() {
		super("label not found");
	}
}
