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

	/**
	 * Labels an image of the object store. The default reads its bytes; a detector that can read the store
	 * itself overrides it (Rekognition takes an S3 object of up to 15 MB, and bytes of only 5 MB).
	 *
	 * @throws UnreadableImageException as {@link #detect(byte[], DetectOptions)}
	 */
	default LabelDetection detect(StoredImage image, DetectOptions options) {
		return detect(image.bytes().get(), options);
	}

	/** The name of the model set, reported as {@code LabelModelVersion}. */
	String modelVersion();
}
