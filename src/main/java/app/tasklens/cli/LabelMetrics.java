package app.tasklens.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import app.tasklens.labeling.BoundingBox;
import app.tasklens.labeling.Label;
import app.tasklens.vision.LabelHierarchy;
import app.tasklens.vision.LabelHierarchy.LabelNode;

/**
 * The arithmetic of {@code ./tasklens bench-labels}: box matching, label recall and precision against COCO
 * annotations through the label hierarchy, and percentiles.
 *
 * <p>Object labels, the ones precision judges: labels named after a class of either model (the 80 COCO
 * classes, the 1000 ImageNet classes), whichever model produced them. A parent label such as Animal or
 * Vehicle is not judged: it only repeats a judged child. An object label claims the COCO classes it is
 * (Dog), is a kind of (Malamute → Dog) or is a more general name for; it is right when one of them is in
 * the image, and is not judged when it claims none (a Hammer says nothing about COCO's classes).
 */
final class LabelMetrics {

	/** {@code hits} out of {@code total}. */
	record Ratio(long hits, long total) {

		static final Ratio NONE = new Ratio(0, 0);

		static Ratio of(boolean hit) {
			return new Ratio(hit ? 1 : 0, 1);
		}

		Ratio plus(Ratio other) {
			return new Ratio(hits + other.hits, total + other.total);
		}

		/** NaN when there was nothing to count. */
		double value() {
			return total == 0 ? Double.NaN : (double) hits / total;
		}
	}

	/** An object of a COCO class (0–79), its box as image ratios, and a confidence (truth boxes: 100). */
	record ClassBox(int classIndex, BoundingBox box, double confidence) {
	}

	/** Detector boxes against the annotated ones: matched pairs, boxes returned, boxes annotated. */
	record Matching(int truePositives, int predicted, int annotated) {

		static final Matching NONE = new Matching(0, 0, 0);

		Matching plus(Matching other) {
			return new Matching(truePositives + other.truePositives, predicted + other.predicted,
					annotated + other.annotated);
		}

		Ratio precision() {
			return new Ratio(truePositives, predicted);
		}

		Ratio recall() {
			return new Ratio(truePositives, annotated);
		}
	}

	private final LabelHierarchy hierarchy;
	private final Set<String> modelClassIds = new HashSet<>();
	private final Map<LabelNode, Set<Integer>> claims = new ConcurrentHashMap<>();
	private final Map<LabelNode, List<LabelNode>> ancestors = new ConcurrentHashMap<>();

	LabelMetrics(LabelHierarchy hierarchy) {
		this.hierarchy = hierarchy;
		for (int i = 0; i < hierarchy.imagenetClasses(); i++) {
			modelClassIds.add(hierarchy.imagenet(i).id());
		}
		for (int c = 0; c < hierarchy.cocoClasses(); c++) {
			modelClassIds.add(hierarchy.coco(c).id());
		}
	}

	/**
	 * Image-level label recall: of the COCO classes in the image, those whose name is among the returned
	 * labels or their parents.
	 */
	String cocoName(int cocoClass) {
		return hierarchy.coco(cocoClass).name();
	}

	Ratio labelRecall(Set<Integer> present, List<Label> labels) {
		Set<String> named = namesAndParents(labels);
		Ratio recall = Ratio.NONE;
		for (int c : present) {
			recall = recall.plus(Ratio.of(named.contains(hierarchy.coco(c).name())));
		}
		return recall;
	}

	/** Image-level precision: of the judged object labels (see the class comment), those right for the image. */
	Ratio labelPrecision(Set<Integer> present, List<Label> labels) {
		Ratio precision = Ratio.NONE;
		for (Label label : labels) {
			Optional<Boolean> right = objectLabelRight(present, label);
			if (right.isPresent()) {
				precision = precision.plus(Ratio.of(right.get()));
			}
		}
		return precision;
	}

	/** Whether an object label is right for a COCO image with {@code present} classes; empty when not judged. */
	Optional<Boolean> objectLabelRight(Set<Integer> present, Label label) {
		Optional<LabelNode> node = hierarchy.byName(label.name()).filter(n -> modelClassIds.contains(n.id()));
		if (node.isEmpty()) {
			return Optional.empty();
		}
		Set<Integer> claimed = claims.computeIfAbsent(node.get(), this::cocoClassesClaimedBy);
		return claimed.isEmpty() ? Optional.empty() : Optional.of(claimed.stream().anyMatch(present::contains));
	}

	/**
	 * Whether a person would accept the label for an everyday photo: its name is one of {@code accepted}
	 * (case-insensitive), or it is an ancestor in the label hierarchy of one of them (Mammal for Dog).
	 */
	boolean accepted(Label label, Set<String> accepted) {
		String name = label.name().toLowerCase(Locale.ROOT);
		for (String ok : accepted) {
			if (ok.equalsIgnoreCase(name)) {
				return true;
			}
		}
		Optional<LabelNode> node = hierarchy.byName(label.name());
		return node.isPresent() && accepted.stream()
			.map(hierarchy::byName)
			.flatMap(Optional::stream)
			.anyMatch(ok -> ancestorsOf(ok).contains(node.get()));
	}

	/** An everyday photo's score: first label right, one of the first five right, no label, wrong at ≥ 90. */
	record PhotoScore(boolean hit1, boolean hit5, boolean none, int wrongAt90, int namedWrongInFive) {
	}

	PhotoScore scorePhoto(List<Label> labels, Set<String> accepted, Set<String> wrong) {
		List<Label> five = labels.subList(0, Math.min(5, labels.size()));
		int wrongAt90 = (int) labels.stream().filter(l -> l.confidence() >= 90 && !accepted(l, accepted)).count();
		int namedWrong = (int) five.stream()
			.filter(l -> wrong.stream().anyMatch(w -> w.equalsIgnoreCase(l.name())))
			.count();
		return new PhotoScore(!labels.isEmpty() && accepted(labels.get(0), accepted),
				five.stream().anyMatch(l -> accepted(l, accepted)), labels.isEmpty(), wrongAt90, namedWrong);
	}

	private List<LabelNode> ancestorsOf(LabelNode node) {
		return ancestors.computeIfAbsent(node, hierarchy::ancestors);
	}

	/** Whether the returned labels or their parents name {@code truth} or one of its ancestors. */
	boolean namesClassOrAncestor(LabelNode truth, List<Label> labels) {
		Set<String> named = namesAndParents(labels);
		return named.contains(truth.name())
				|| hierarchy.ancestors(truth).stream().map(LabelNode::name).anyMatch(named::contains);
	}

	private Set<Integer> cocoClassesClaimedBy(LabelNode node) {
		List<LabelNode> above = hierarchy.ancestors(node);
		Set<Integer> claimed = new HashSet<>();
		for (int c = 0; c < hierarchy.cocoClasses(); c++) {
			LabelNode coco = hierarchy.coco(c);
			if (coco.equals(node) || above.contains(coco) || hierarchy.ancestors(coco).contains(node)) {
				claimed.add(c);
			}
		}
		return claimed;
	}

	private static Set<String> namesAndParents(List<Label> labels) {
		Set<String> named = new HashSet<>();
		for (Label label : labels) {
			named.add(label.name());
			named.addAll(label.parents());
		}
		return named;
	}

	static double iou(BoundingBox a, BoundingBox b) {
		double width = Math.min(a.left() + a.width(), b.left() + b.width()) - Math.max(a.left(), b.left());
		double height = Math.min(a.top() + a.height(), b.top() + b.height()) - Math.max(a.top(), b.top());
		if (width <= 0 || height <= 0) {
			return 0;
		}
		double intersection = width * height;
		return intersection / (a.width() * a.height() + b.width() * b.height() - intersection);
	}

	/**
	 * Matches as COCO and Pascal VOC do: returned boxes, most confident first, each take the unmatched
	 * annotated box of their class that they overlap most, if that overlap is at least {@code minIou}.
	 */
	static Matching match(List<ClassBox> annotated, List<ClassBox> predicted, double minIou) {
		boolean[] taken = new boolean[annotated.size()];
		List<ClassBox> byConfidence = new ArrayList<>(predicted);
		byConfidence.sort(Comparator.comparingDouble(ClassBox::confidence).reversed());
		int matched = 0;
		for (ClassBox box : byConfidence) {
			int best = -1;
			double bestIou = minIou;
			for (int i = 0; i < annotated.size(); i++) {
				ClassBox truth = annotated.get(i);
				if (!taken[i] && truth.classIndex() == box.classIndex()) {
					double iou = iou(truth.box(), box.box());
					if (iou >= bestIou) {
						best = i;
						bestIou = iou;
					}
				}
			}
			if (best >= 0) {
				taken[best] = true;
				matched++;
			}
		}
		return new Matching(matched, predicted.size(), annotated.size());
	}

	/** Nearest rank: the smallest value that at least {@code p} % of the values do not exceed; NaN if none. */
	static double percentile(double[] values, double p) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(p * sorted.length / 100);
		return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
	}
}
