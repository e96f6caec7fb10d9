package app.tasklens.vision;

/**
 * Four corners of a text region in pixel coordinates, in reading order: top left, top right, bottom right,
 * bottom left. "Width" runs along the text (top left to top right), "height" across it.
 */
record Quad(double x0, double y0, double x1, double y1, double x2, double y2, double x3, double y3) {

	/** The longer of the two edges along the text, as PaddleOCR measures a crop. */
	double width() {
		return Math.max(Math.hypot(x1 - x0, y1 - y0), Math.hypot(x2 - x3, y2 - y3));
	}

	/** The longer of the two edges across the text. */
	double height() {
		return Math.max(Math.hypot(x3 - x0, y3 - y0), Math.hypot(x2 - x1, y2 - y1));
	}

	/**
	 * The point at fraction {@code u} along the text and {@code v} across it (both 0–1), interpolated
	 * bilinearly between the corners; exact for the parallelograms the detector produces.
	 */
	double xAt(double u, double v) {
		return (1 - v) * ((1 - u) * x0 + u * x1) + v * ((1 - u) * x3 + u * x2);
	}

	double yAt(double u, double v) {
		return (1 - v) * ((1 - u) * y0 + u * y1) + v * ((1 - u) * y3 + u * y2);
	}

	/** The part of this quad between fractions {@code u0} and {@code u1} along the text. */
	Quad slice(double u0, double u1) {
		return new Quad(xAt(u0, 0), yAt(u0, 0), xAt(u1, 0), yAt(u1, 0), xAt(u1, 1), yAt(u1, 1), xAt(u0, 1),
				yAt(u0, 1));
	}

	/**
	 * The same region read after turning it a quarter counter-clockwise, as PaddleOCR turns crops that are
	 * much taller than wide: the old top right corner becomes the top left one.
	 */
	Quad turnedCounterClockwise() {
		return new Quad(x1, y1, x2, y2, x3, y3, x0, y0);
	}

	/**
	 * Maps a quad found on a resized copy back onto the original image, treating pixel {@code i} as the
	 * square centred on coordinate {@code i} in both images.
	 */
	Quad scaled(double sx, double sy) {
		return new Quad(sc(x0, sx), sc(y0, sy), sc(x1, sx), sc(y1, sy), sc(x2, sx), sc(y2, sy), sc(x3, sx),
				sc(y3, sy));
	}

	private static double sc(double v, double s) {
		return (v + 0.5) * s - 0.5;
	}

	double minX() {
		return Math.min(Math.min(x0, x1), Math.min(x2, x3));
	}

	double maxX() {
		return Math.max(Math.max(x0, x1), Math.max(x2, x3));
	}

	double minY() {
		return Math.min(Math.min(y0, y1), Math.min(y2, y3));
	}

	double maxY() {
		return Math.max(Math.max(y0, y1), Math.max(y2, y3));
	}
}
