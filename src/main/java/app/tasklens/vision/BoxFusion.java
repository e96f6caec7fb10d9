package app.tasklens.vision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the detector's two looks at an image (as is and mirrored) into one set of boxes and one score per
 * class. Averaging a mirrored pass is the classic test-time augmentation: a box both passes agree on keeps
 * the mean of its two scores, a box only one pass saw keeps half ({@link #UNPAIRED}).
 */
final class BoxFusion {

	/**
	 * A box of another class overlapping a stronger one this much is the same object named twice (a cat
	 * box on a dog); the weaker name goes.
	 */
	static final float SAME_OBJECT_IOU = 0.8f;

	/**
	 * The share of its score a box only one pass found keeps. Less (a tenth, or nothing) was cross-validated in
	 * {@code bench-labels}: a label more on each COCO half, but at the same everyday wrong labels fewer COCO objects
	 * found on all photos; not kept (docs/labeling.md).
	 */
	static final float UNPAIRED = 0.5f;

	/** Boxes from the two passes overlapping this much are one object. */
	static final float MATCH_IOU = 0.55f;

	private BoxFusion() {
	}

	/** Drops boxes overlapping a higher-scoring box of another class by more than {@code maxIou}. */
	static List<Detection> suppressAcrossClasses(List<Detection> sortedByScore, float maxIou) {
		List<Detection> kept = new ArrayList<>();
		for (Detection box : sortedByScore) {
			if (kept.stream().noneMatch(k -> k.classIndex() != box.classIndex() && k.iou(box) > maxIou)) {
				kept.add(box);
			}
		}
		return kept;
	}

	/** Boxes found in a left–right mirrored image of width {@code width}, in the unmirrored image. */
	static List<Detection> mirror(List<Detection> boxes, float width) {
		List<Detection> mirrored = new ArrayList<>(boxes.size());
		for (Detection b : boxes) {
			mirrored.add(new Detection(b.classIndex(), b.score(), width - b.x2(), b.y1(), width - b.x1(), b.y2()));
		}
		return mirrored;
	}

	/**
	 * Pairs each box of {@code first} with the best-overlapping unpaired box of the same class in
	 * {@code second} (IoU above {@link #MATCH_IOU}); a pair becomes one box, corners weighted by score, score
	 * the mean of both; an unpaired box keeps {@link #UNPAIRED} of its score. Sorted by score, highest first.
	 */
	static List<Detection> fuse(List<Detection> first, List<Detection> second) {
		return fuse(first, second, UNPAIRED);
	}

	/** {@link #fuse}, an unpaired box keeping {@code unpaired} of its score. */
	static List<Detection> fuse(List<Detection> first, List<Detection> second, float unpaired) {
		List<Detection> fused = new ArrayList<>();
		boolean[] paired = new boolean[second.size()];
		for (Detection a : first) {
			int match = -1;
			float best = MATCH_IOU;
			for (int j = 0; j < second.size(); j++) {
				Detection b = second.get(j);
				float iou = a.iou(b);
				if (!paired[j] && b.classIndex() == a.classIndex() && iou > best) {
					best = iou;
					match = j;
				}
			}
			if (match < 0) {
				fused.add(scaled(a, unpaired));
				continue;
			}
			paired[match] = true;
			Detection b = second.get(match);
			float wa = a.score() / (a.score() + b.score());
			float wb = 1 - wa;
			fused.add(new Detection(a.classIndex(), (a.score() + b.score()) / 2, wa * a.x1() + wb * b.x1(),
					wa * a.y1() + wb * b.y1(), wa * a.x2() + wb * b.x2(), wa * a.y2() + wb * b.y2()));
		}
		for (int j = 0; j < second.size(); j++) {
			if (!paired[j]) {
				fused.add(scaled(second.get(j), unpaired));
			}
		}
		fused.sort((x, y) -> Float.compare(y.score(), x.score()));
		return fused;
	}

	/**
	 * The whole image's boxes with those of a closer look at tiles of it, the tiles' scores times
	 * {@code weight}, only those under {@code maxArea} of the image (the closer look is for small objects; a
	 * large one cut by a tile's edge would come back as a part); where both found one object (same class, IoU
	 * above {@link YoloxDecoding#NMS_IOU}) the stronger box stays.
	 */
	static List<Detection> withTiles(List<Detection> whole, List<Detection> tiles, float weight, float maxArea) {
		List<Detection> all = new ArrayList<>(whole);
		for (Detection box : tiles) {
			if (box.area() < maxArea) {
				all.add(new Detection(box.classIndex(), box.score() * weight, box.x1(), box.y1(), box.x2(), box.y2()));
			}
		}
		return YoloxDecoding.nms(all, YoloxDecoding.NMS_IOU);
	}

	/**
	 * The image-level score of each class: the chance that at least one of its boxes is right, taking
	 * boxes as independent (noisy-OR). Three chairs at 0.3 make "there is a chair" likelier than one.
	 */
	static Map<Integer, Float> classScores(List<Detection> boxes) {
		Map<Integer, Float> missed = new HashMap<>();
		for (Detection box : boxes) {
			missed.merge(box.classIndex(), 1 - box.score(), (x, y) -> x * y);
		}
		Map<Integer, Float> scores = new HashMap<>();
		missed.forEach((c, m) -> scores.put(c, 1 - m));
		return scores;
	}

	private static Detection scaled(Detection box, float factor) {
		return new Detection(box.classIndex(), box.score() * factor, box.x1(), box.y1(), box.x2(), box.y2());
	}
}
