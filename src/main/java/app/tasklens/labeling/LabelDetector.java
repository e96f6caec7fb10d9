package app.tasklens.labeling;

/**
 * Detects what is in an image, in the shape of Amazon Rekognition's DetectLabels. The on-box adapter
 * runs ONNX models; a Rekognition adapter can take its place.
 *
 * <p>Implementations are thread-safe and loaded once.
 */
public interface LabelDetector {

	/**
	 * @param image the encoded image bytes (JPEG, PNG, WebP…)
	 * @throws UnreadableImageException when the bytes are not an image this detector can decode; retrying
	 *         will not help
	 * @throws DetectorUnavailableException when the detector cannot run now (for example a model file is
	 *         missing); the message tells an operator what to do
	 */
	LabelDetection detect(byte[] image, DetectOptions options);

	/** The name of the model set, reported as {@code LabelModelVersion}. */
	String modelVersion();
}
