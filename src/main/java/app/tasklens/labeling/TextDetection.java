package app.tasklens.labeling;

import java.util.List;

/**
 * Text found in the image, as a LINE or as one WORD of a line ({@code parentId} names the line).
 * {@code confidence} is 0–100; geometry is in image ratios like {@link BoundingBox}.
 */
public record TextDetection(
		String detectedText,
		Type type,
		int id,
		Integer parentId,
		double confidence,
		Geometry geometry) {

	public enum Type {
		LINE, WORD
	}

	public record Geometry(BoundingBox boundingBox, List<Point> polygon) {
		public Geometry {
			polygon = List.copyOf(polygon);
		}
	}

	public record Point(double x, double y) {
	}
}
