package app.tasklens.vision;

/**
 * YOLOX's letterbox: the image scaled by {@code scale} to {@code width × height} (aspect kept) and placed
 * in the top-left corner of the square input; the rest is padding. Sizes truncate like YOLOX's
 * {@code int(w * r)}, so boxes map back by dividing by {@code scale}.
 */
record Letterbox(int size, double scale, int width, int height) {

	static Letterbox fit(int imageWidth, int imageHeight, int size) {
		double scale = Math.min((double) size / imageHeight, (double) size / imageWidth);
		int width = Math.max(1, Math.min(size, (int) (imageWidth * scale)));
		int height = Math.max(1, Math.min(size, (int) (imageHeight * scale)));
		return new Letterbox(size, scale, width, height);
	}

	/** A coordinate in input pixels back in image pixels. */
	double toImage(double inputCoordinate) {
		return inputCoordinate / scale;
	}
}
