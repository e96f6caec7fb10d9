package app.tasklens.vision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * YOLOX's raw head output to boxes. The exported head gives, per grid cell, {@code tx, ty, tw, th},
 * objectness and class probabilities (the last two already through a sigmoid); cells run over strides 8,
 * 16 and 32, row by row.
 */
final class YoloxDecoding {

	static final int[] STRIDES = { 8, 16, 32 };

	static final float NMS_IOU = 0.45f;

	private YoloxDecoding() {
	}

	/** Cells for a square input of {@code size}: 3549 for 416. */
	static int cells(int size) {
		int cells = 0;
		for (int stride : STRIDES) {
			cells += (size / stride) * (size / stride);
		}
		return cells;
	}

	/**
	 * Boxes scoring at least {@code minScore} (objectness × best class probability), in input pixels.
	 *
	 * @param output {@code cells × (5 + classes)} floats, row-major
	 */
	static List<Detection> decode(float[] output, int size, int classes, float minScore) {
		int row = 5 + classes;
		List<Detection> found = new ArrayList<>();
		int cell = 0;
		for (int stride : STRIDES) {
			int grid = size / stride;
			for (int gy = 0; gy < grid; gy++) {
				for (int gx = 0; gx < grid; gx++, cell++) {
					int o = cell * row;
					float objectness = output[o + 4];
					if (objectness < minScore) {
						continue;
					}
					int best = 0;
					for (int c = 1; c < classes; c++) {
						if (output[o + 5 + c] > output[o + 5 + best]) {
							best = c;
						}
					}
					float score = objectness * output[o + 5 + best];
					if (score < minScore) {
						continue;
					}
					float cx = (output[o] + gx) * stride;
					float cy = (output[o + 1] + gy) * stride;
					float w = (float) Math.exp(output[o + 2]) * stride;
					float h = (float) Math.exp(output[o + 3]) * stride;
					found.add(new Detection(best, score, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2));
				}
			}
		}
		return found;
	}

	/**
	 * Class-wise non-maximum suppression: within a class, a box overlapping a higher-scoring kept box by
	 * more than {@code maxIou} is dropped. Result sorted by score, highest first (ties keep input order).
	 */
	static List<Detection> nms(List<Detection> boxes, float maxIou) {
		List<Detection> sorted = new ArrayList<>(boxes);
		sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
		List<Detection> kept = new ArrayList<>();
		for (Detection candidate : sorted) {
			boolean suppressed = false;
			for (Detection winner : kept) {
				if (winner.classIndex() == candidate.classIndex() && winner.iou(candidate) > maxIou) {
					suppressed = true;
					break;
				}
			}
			if (!suppressed) {
				kept.add(candidate);
			}
		}
		return kept;
	}
}
