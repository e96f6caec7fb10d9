package app.tasklens.labeling;

import java.util.List;

/**
 * Image facts Rekognition returns beside labels. Quality figures are 0–100; at most ten dominant colours,
 * most common first. Width and height are in pixels after EXIF orientation.
 */
public record ImageProperties(
		int width,
		int height,
		String format,
		Quality quality,
		List<DominantColor> dominantColors) {

	public ImageProperties {
		dominantColors = List.copyOf(dominantColors);
	}

	public record Quality(double brightness, double sharpness, double contrast) {
	}

	/** {@code hexCode} like {@code #1a2b3c}; {@code simplifiedColor} a plain name ("green", "white"…). */
	public record DominantColor(String hexCode, String simplifiedColor, double pixelPercent) {
	}
}
