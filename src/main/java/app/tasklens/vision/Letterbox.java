package app.tasklens.vision;

/**
 * YOLOX's letterbox: an {@code imageWidth × imageHeight} image scaled by {@code scale} to
 * {@code width × height} (aspect kept) in the top-left corner of the square input; the rest is padding.
 * Sizes truncate like YOLOX's {@code int(w * r)}, so coordinates map back by dividing by {@code scale}.
 */
record Letterbox(int size, double scale, int width, int height, int imageWidth, int imageHeight) {

	static Letterbox fit(int imageWidth, int imageHeight, int size) {
		double scale = Math.min((double) size / imageHeight, (double) size / imageWidth);
		int width = Math.max(1, Math.min(size, (int) (imageWidth * scale)));
		int height = Math.max(1, Math.min(size, (int) (imageHeight * scale)));
		return new Letterbox(size, scale, width, height, imageWidth, imageHeight);
	}

	/** A coordinate in input pixels back in image pixels. */
	double toImage(double inputCoordinate) {
		return inputCoordinate / scale;
	}

	/** A box in input pixels as ratios of the image's width and height (not clipped). */
	Detection toImageRatios(Detection box) {
		return new Detection(box.classIndex(), box.score(), (float) (toImage(box.x1()) / imageWidth),
				(float) (toImage(box.y1()) / imageHeight), (float) (toImage(box.x2()) / imageWidth),
				(float) (toImage(box.y2()) / imageHeight));
	}
}
