package app.tasklens.vision;

/**
 * What the classifier looks at. Each look costs one more inference (1–3 ms); {@code bench-labels} measures
 * what each buys.
 */
public enum ClassifierView {
	/** torchvision's evaluation crop (short side 256, centre 224²), the view the model was measured on. */
	CENTER,
	/** The centre crop mirrored left–right: a second opinion at no resampling cost. */
	FLIP,
	/** The whole image scaled into the square, padded with the mean colour: nothing cut off. */
	WHOLE,
	/**
	 * The two squares at the ends of the long side (left and right of a landscape photo), which the centre crop
	 * cuts off; looked at only for images of 4:3 or longer, where those ends hold a quarter of the picture.
	 */
	SIDES
}
