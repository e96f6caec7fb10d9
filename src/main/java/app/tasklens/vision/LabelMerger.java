package app.tasklens.vision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import app.tasklens.labeling.BoundingBox;
import app.tasklens.labeling.DetectOptions;
import app.tasklens.labeling.Label;
import app.tasklens.labeling.TextDetection;
import app.tasklens.vision.LabelHierarchy.LabelNode;

/**
 * Merges what the detector boxed and what the classifier named into one ranked, Rekognition-style label
 * list: a COCO "dog" box and an ImageNet "malamute" become Dog (with the box) and Malamute (parents Dog,
 * Canine, …); every ancestor is a label of its own at the confidence of its strongest descendant.
 *
 * <p>Confidences are calibrated per source on the evaluation images (see {@link #DETECTOR_ODDS} and
 * {@link #UNCONFIRMED}); the merge never looks at which image it is.
 */
final class LabelMerger {

	/**
	 * The detector's image-level score (see {@link BoxFusion#classScores}) becomes a confidence by scaling its
	 * odds. Fitted on COCO images, a logistic calibration of that score has slope 0.99, so a plain odds factor
	 * is the whole calibration; the factor puts the default MinConfidence 55 at score 0.25, the point where
	 * image-level precision on COCO reaches 0.85 (recall 0.75).
	 */
	static final double DETECTOR_ODDS = (0.55 / 0.45) / (0.25 / 0.75);

	/**
	 * Classifier candidates: the true class is among the top five 96 % of the time on ImageNet images, so
	 * the rest of the 1000 only add noise.
	 */
	static final int TOP_CLASSES = 5;

	/**
	 * When the classifier names something the detector also knows (a dog breed, a car model) but the
	 * detector found no trace of it anywhere (image-level score under {@link #TRACE}), the classifier is
	 * usually fooled by texture (a sheep read as a Schipperke); its confidence is scaled down by this factor.
	 * Softmax probabilities are otherwise used as they are: on ImageNet images they are calibrated (top-1
	 * 0.6–0.8 is right 77 % of the time; fitted temperature 0.9, no gain over 1).
	 */
	static final double UNCONFIRMED = 0.3;

	static final double TRACE = 0.05;

	static final String TEXT_CATEGORY = "Text and Documents";

	private final LabelHierarchy hierarchy;
	private final Map<String, Integer> cocoByNode;
	private final LabelNode text;
	/**
	 * Filled as labels come up rather than for all 1200 nodes up front, which would add a cold-JVM tenth of a
	 * second to start-up.
	 */
	private final Map<LabelNode, List<LabelNode>> ancestors = new ConcurrentHashMap<>();
	/** ImageNet class → the COCO classes it is an instance of (malamute → dog). */
	private final Map<Integer, int[]> cocoOfImagenet = new ConcurrentHashMap<>();

	LabelMerger(LabelHierarchy hierarchy) {
		this.hierarchy = hierarchy;
		this.text = hierarchy.byName("Text")
			.orElse(new LabelNode("text", "Text", List.of(), List.of(), List.of(TEXT_CATEGORY)));
		Map<String, Integer> cocoByNode = new HashMap<>();
		for (int c = 0; c < hierarchy.cocoClasses(); c++) {
			cocoByNode.put(hierarchy.coco(c).id(), c);
		}
		this.cocoByNode = Map.copyOf(cocoByNode);
	}

	/**
	 * @param boxes fused detector boxes as image ratios ({@link ObjectDetector#detect})
	 * @param probabilities the classifier's 1000 softmax probabilities
	 */
	List<Label> merge(List<Detection> boxes, float[] probabilities, List<TextDetection> texts,
			DetectOptions options) {
		Map<LabelNode, Double> confidence = new LinkedHashMap<>();
		Map<Integer, Float> detected = BoxFusion.classScores(boxes);
		detected.forEach((c, score) -> raise(confidence, hierarchy.coco(c), detectorConfidence(score)));
		for (int i : Scores.topK(probabilities, TOP_CLASSES)) {
			raise(confidence, hierarchy.imagenet(i), classifierConfidence(i, probabilities[i], detected));
		}
		for (Map.Entry<LabelNode, Double> found : List.copyOf(confidence.entrySet())) {
			for (LabelNode parent : ancestorsOf(found.getKey())) {
				raise(confidence, parent, found.getValue());
			}
		}
		texts.stream()
			.mapToDouble(TextDetection::confidence)
			.max()
			.ifPresent(best -> raise(confidence, text, best / 100));
		Map<LabelNode, List<Label.Instance>> instances = instances(boxes, options.minConfidence());
		Filter filter = new Filter(options);
		// Ties rank the label with more ancestors first, so every label comes before its parents.
		return confidence.entrySet()
			.stream()
			.map(e -> label(e.getKey(), e.getValue(), instances.getOrDefault(e.getKey(), List.of())))
			.filter(label -> label.confidence() >= options.minConfidence() && filter.accepts(label))
			.sorted(Comparator.comparingDouble(Label::confidence)
				.reversed()
				.thenComparing(Comparator.comparingInt((Label label) -> label.parents().size()).reversed())
				.thenComparing(Label::name))
			.limit(options.maxLabels())
			.toList();
	}

	/** 0–1 from a detector score 0–1, see {@link #DETECTOR_ODDS}. */
	static double detectorConfidence(double score) {
		if (score >= 1) {
			return 1;
		}
		double odds = score / (1 - score) * DETECTOR_ODDS;
		return odds / (1 + odds);
	}

	private double classifierConfidence(int imagenetClass, double probability, Map<Integer, Float> detected) {
		int[] coco = cocoOfImagenet.computeIfAbsent(imagenetClass, this::cocoClassesOf);
		if (coco.length == 0) {
			return probability;
		}
		double trace = 0;
		for (int c : coco) {
			trace = Math.max(trace, detected.getOrDefault(c, 0f));
		}
		return trace < TRACE ? probability * UNCONFIRMED : probability;
	}

	private Map<LabelNode, List<Label.Instance>> instances(List<Detection> boxes, double minConfidence) {
		Map<LabelNode, List<Label.Instance>> instances = new HashMap<>();
		for (Detection box : boxes) {
			double confidence = percent(detectorConfidence(box.score()));
			if (confidence >= minConfidence) {
				instances.computeIfAbsent(hierarchy.coco(box.classIndex()), n -> new ArrayList<>())
					.add(new Label.Instance(clipped(box), confidence));
			}
		}
		return instances;
	}

	/** The box within the image, as Rekognition reports it: left, top, width, height in 0–1. */
	static BoundingBox clipped(Detection box) {
		double left = clamp(box.x1());
		double top = clamp(box.y1());
		return new BoundingBox(left, top, clamp(box.x2()) - left, clamp(box.y2()) - top);
	}

	private Label label(LabelNode node, double confidence, List<Label.Instance> instances) {
		List<String> parents = ancestorsOf(node).stream().map(LabelNode::name).toList();
		return new Label(node.name(), percent(confidence), instances, parents, node.aliases(), node.categories());
	}

	private int[] cocoClassesOf(int imagenetClass) {
		LabelNode node = hierarchy.imagenet(imagenetClass);
		List<LabelNode> self = new ArrayList<>(ancestorsOf(node));
		self.add(0, node);
		return self.stream().filter(n -> cocoByNode.containsKey(n.id())).mapToInt(n -> cocoByNode.get(n.id())).toArray();
	}

	private List<LabelNode> ancestorsOf(LabelNode node) {
		return ancestors.computeIfAbsent(node, hierarchy::ancestors);
	}

	private static void raise(Map<LabelNode, Double> confidence, LabelNode node, double value) {
		confidence.merge(node, value, Math::max);
	}

	private static double clamp(double ratio) {
		return Math.min(1, Math.max(0, ratio));
	}

	/** 0–100, two decimals. */
	private static double percent(double confidence) {
		return Math.round(confidence * 10_000) / 100.0;
	}

	/** DetectLabels' inclusion and exclusion filters on label names and categories, case-insensitive. */
	private record Filter(Set<String> labels, Set<String> notLabels, Set<String> categories,
			Set<String> notCategories) {

		Filter(DetectOptions options) {
			this(lower(options.includeLabels()), lower(options.excludeLabels()), lower(options.includeCategories()),
					lower(options.excludeCategories()));
		}

		boolean accepts(Label label) {
			String name = label.name().toLowerCase(Locale.ROOT);
			Set<String> categories = lower(Set.copyOf(label.categories()));
			return (labels.isEmpty() || labels.contains(name)) && !notLabels.contains(name)
					&& (this.categories.isEmpty() || categories.stream().anyMatch(this.categories::contains))
					&& categories.stream().noneMatch(notCategories::contains);
		}

		private static Set<String> lower(Set<String> values) {
			return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
		}
	}
}
