package app.tasklens.vision;

/** One detector box in pixel corners ({@code x1 < x2}, {@code y1 < y2}) with its score 0–1. */
record Detection(int classIndex, float score, float x1, float y1, float x2, float y2) {

	float area() {
		return Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
	}

	/** Intersection over union; 0 when either box is empty. */
	float iou(Detection other) {
		float w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
		float h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
		if (w <= 0 || h <= 0) {
			return 0;
		}
		float intersection = w * h;
		return intersection / (area() + other.area() - intersection);
	}
}
