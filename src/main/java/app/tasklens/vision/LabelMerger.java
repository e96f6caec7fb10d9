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
 * Canine, …).
 *
 * <p>The classifier's evidence is all of its 1000 probabilities, not its top five: a label's confidence is
 * the probability mass of every class it names or that lies below it (five church-like classes at 15–28 % each
 * are a confident Building), and the scene and concept labels of {@link Concepts} (Outdoors, Water, Food…) sum
 * the mass of the classes that imply them. A parent is never less sure than a child. The detector's objects
 * count with their calibrated image-level score; a small one that the whole image does not back ranks after
 * what the whole image says.
 *
 * <p>The numbers are {@link LabelTuning}'s, fitted by cross-validation on the evaluation images; the merge
 * never looks at which image it is.
 */
final class LabelMerger {

	/** Classes below this probability add nothing a label at MinConfidence could show; skipped for speed. */
	static final float NEGLIGIBLE = 1e-4f;

	/**
	 * An ImageNet class the detector also knows, with an image-level detector score under this, is
	 * "unconfirmed" ({@link LabelTuning#unconfirmed}).
	 */
	static final double TRACE = 0.05;

	/** Text lines from which an image is a Document as well as Text. */
	static final int DOCUMENT_LINES = 6;

	/** Classifier mass on a detector object's own label from which the classifier backs it. */
	static final double BACKED = 0.1;

	/**
	 * A small object the classifier does not back keeps at most this confidence when the whole image says less:
	 * it stays a label (COCO photos are full of small, real objects) but never a confident one.
	 */
	static final double SMALL_OBJECT_KEPT = 0.6;

	/** The classifier's strongest label from which it "is sure of something else" than an unbacked object. */
	static final double SEES_OTHER = 0.5;

	static final String TEXT_CATEGORY = "Text and Documents";

	private final LabelHierarchy hierarchy;
	private final Map<String, Integer> cocoByNode;
	private final LabelNode text;
	private final LabelNode document;
	/**
	 * Filled as labels come up rather than for all 1200 nodes up front, which would add a cold-JVM tenth of a
	 * second to start-up.
	 */
	private final Map<LabelNode, List<LabelNode>> ancestors = new ConcurrentHashMap<>();
	/** ImageNet class → the COCO classes it is an instance of (malamute → dog). */
	private final Map<Integer, int[]> cocoOfImagenet = new ConcurrentHashMap<>();
	/** Made with the first image: resolving the concept file walks the hierarchy of all 1000 classes. */
	private volatile Concepts concepts;
	/** Made with the first crop: it walks the hierarchy of all 1000 classes too. */
	private volatile CropCheck cropCheck;

	LabelMerger(LabelHierarchy hierarchy) {
		this.hierarchy = hierarchy;
		this.text = hierarchy.byName("Text")
			.orElse(new LabelNode("text", "Text", List.of(), List.of(), List.of(TEXT_CATEGORY)));
		this.document = hierarchy.byName("Document").orElse(text);
		Map<String, Integer> cocoByNode = new HashMap<>();
		for (int c = 0; c < hierarchy.cocoClasses(); c++) {
			cocoByNode.put(hierarchy.coco(c).id(), c);
		}
		this.cocoByNode = Map.copyOf(cocoByNode);
	}

	/**
	 * The classifier's probabilities for an image: the softmax of each look's logits at the tuning's
	 * temperature, averaged over all looks of the tuning's views that the image has (at least the centre crop).
	 */
	static float[] probabilities(Map<ClassifierView, float[][]> logits, LabelTuning tuning) {
		List<float[]> looks = new ArrayList<>();
		for (ClassifierView view : tuning.views()) {
			looks.addAll(List.of(logits.getOrDefault(view, new float[0][])));
		}
		if (looks.isEmpty()) {
			looks.add(logits.get(ClassifierView.CENTER)[0]);
		}
		float[] mean = new float[looks.get(0).length];
		for (float[] look : looks) {
			float[] p = Scores.softmax(look, tuning.temperature());
			for (int i = 0; i < mean.length; i++) {
				mean[i] += p[i] / looks.size();
			}
		}
		return mean;
	}

	List<Label> merge(List<Detection> boxes, float[] probabilities, List<TextDetection> texts,
			DetectOptions options) {
		return merge(boxes, probabilities, texts, LabelTuning.DEFAULT, options);
	}

	/**
	 * @param boxes fused detector boxes as image ratios ({@link ObjectDetector#detect})
	 * @param probabilities the classifier's 1000 probabilities ({@link #probabilities})
	 */
	List<Label> merge(List<Detection> boxes, float[] probabilities, List<TextDetection> texts, LabelTuning tuning,
			DetectOptions options) {
		return merge(boxes, Map.of(), probabilities, texts, tuning, options);
	}

	/**
	 * @param crops the classifier's logits for the boxes {@link CropCheck#looked} at with {@code tuning}; what
	 *        they say changes the boxes' scores before anything else
	 */
	List<Label> merge(List<Detection> detectorBoxes, Map<Detection, float[]> crops, float[] probabilities,
			List<TextDetection> texts, LabelTuning tuning, DetectOptions options) {
		List<Detection> boxes = crops.isEmpty() ? detectorBoxes : cropCheck().rescored(detectorBoxes, crops, tuning);
		Map<Integer, Float> detected = BoxFusion.classScores(boxes);
		float[] evidence = new float[probabilities.length];
		Map<LabelNode, Double> whole = new HashMap<>();
		for (int i = 0; i < probabilities.length; i++) {
			if (probabilities[i] >= NEGLIGIBLE) {
				evidence[i] = (float) classifierConfidence(i, probabilities[i], detected, tuning);
				LabelNode node = hierarchy.imagenet(i);
				add(whole, node, evidence[i]);
				for (LabelNode parent : ancestorsOf(node)) {
					add(whole, parent, evidence[i]);
				}
			}
		}
		double strongest = whole.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
		Map<Integer, Double> objects = new HashMap<>();
		detected.forEach((c, score) -> objects.put(c,
				objectConfidence(c, detectorConfidence(score, tuning.detectorOdds()), boxes, whole, strongest, tuning)));

		Map<LabelNode, Double> confidence = new LinkedHashMap<>();
		objects.forEach((c, value) -> raise(confidence, hierarchy.coco(c), value));
		whole.forEach((node, mass) -> raise(confidence, node, Math.min(1, mass)));
		for (Concepts.Concept concept : concepts().all()) {
			raise(confidence, concept.node(),
					Math.max(concept.classifierConfidence(evidence), concept.detectorConfidence(objects)));
		}
		texts.stream()
			.mapToDouble(TextDetection::confidence)
			.max()
			.ifPresent(best -> {
				raise(confidence, text, best / 100);
				if (texts.stream().filter(t -> t.type() == TextDetection.Type.LINE).count() >= DOCUMENT_LINES) {
					raise(confidence, document, best / 100);
				}
			});
		for (Map.Entry<LabelNode, Double> found : List.copyOf(confidence.entrySet())) {
			for (LabelNode parent : ancestorsOf(found.getKey())) {
				raise(confidence, parent, found.getValue());
			}
		}
		Map<LabelNode, List<Label.Instance>> instances = instances(boxes, options.minConfidence(), tuning);
		Filter filter = new Filter(options);
		// Ties rank the label with more ancestors first, so every label comes before its parents.
		return confidence.entrySet()
			.stream()
			.filter(e -> percent(e.getValue()) >= options.minConfidence())
			.map(e -> label(e.getKey(), e.getValue(), instances.getOrDefault(e.getKey(), List.of())))
			.filter(filter::accepts)
			.sorted(Comparator.comparingDouble(Label::confidence)
				.reversed()
				.thenComparing(Comparator.comparingInt((Label label) -> label.parents().size()).reversed())
				.thenComparing(Label::name))
			.limit(options.maxLabels())
			.toList();
	}

	/**
	 * A detector object's confidence: its calibrated score, except that a small object (every box under
	 * {@link LabelTuning#smallObject} of the image) which the classifier does not back (less than
	 * {@link #BACKED} of its mass on the object's label) ranks no higher than the classifier's strongest label,
	 * or {@link #SMALL_OBJECT_KEPT} when that is weaker: a bird the size of a window on a church photo must not
	 * come before Building. A large object (from {@link LabelTuning#contradicted} of the image) that the classifier
	 * knows but does not see gets the unconfirmed odds. With {@link LabelTuning#agreement} above 0, the
	 * classifier's mass on the object adds to the detector's as a second witness.
	 */
	private double objectConfidence(int cocoClass, double confidence, List<Detection> boxes,
			Map<LabelNode, Double> whole, double strongest, LabelTuning tuning) {
		double largest = boxes.stream()
			.filter(box -> box.classIndex() == cocoClass)
			.mapToDouble(Detection::area)
			.max()
			.orElse(0);
		LabelNode node = hierarchy.coco(cocoClass);
		boolean backed = whole.getOrDefault(node, 0.0) >= BACKED;
		if (!backed && largest >= tuning.contradicted() && strongest >= SEES_OTHER
				&& hierarchy.imagenetClassesUnder(node).length > 0) {
			// The classifier sees the whole image, knows this object (sheep, bus, broccoli) and is sure of something
			// else, although the object fills a quarter of the picture: the detector is fooled by a shape (a rock
			// read as a sheep).
			confidence = scaledOdds(confidence, tuning.unconfirmed());
		}
		boolean small = largest < tuning.smallObject();
		if (small && !backed) {
			return Math.min(confidence, Math.max(strongest, SMALL_OBJECT_KEPT));
		}
		double seen = Math.min(1, whole.getOrDefault(node, 0.0)) * tuning.agreement();
		return 1 - (1 - confidence) * (1 - seen);
	}

	private static double scaledOdds(double confidence, double factor) {
		if (confidence >= 1) {
			return factor / (1 + factor);
		}
		double odds = confidence / (1 - confidence) * factor;
		return odds / (1 + odds);
	}

	/** 0–1 from a detector score 0–1 at the shipped odds, see {@link LabelTuning#DEFAULT}. */
	static double detectorConfidence(double score) {
		return detectorConfidence(score, LabelTuning.DEFAULT.detectorOdds());
	}

	/** 0–1 from a detector score 0–1: its odds times {@code factor}. */
	static double detectorConfidence(double score, double factor) {
		if (score >= 1) {
			return 1;
		}
		double odds = score / (1 - score) * factor;
		return odds / (1 + odds);
	}

	private double classifierConfidence(int imagenetClass, double probability, Map<Integer, Float> detected,
			LabelTuning tuning) {
		int[] coco = cocoOfImagenet.computeIfAbsent(imagenetClass, this::cocoClassesOf);
		if (coco.length == 0) {
			return probability;
		}
		double trace = 0;
		for (int c : coco) {
			trace = Math.max(trace, detected.getOrDefault(c, 0f));
		}
		return trace < TRACE ? probability * tuning.unconfirmed() : probability;
	}

	private Map<LabelNode, List<Label.Instance>> instances(List<Detection> boxes, double minConfidence,
			LabelTuning tuning) {
		Map<LabelNode, List<Label.Instance>> instances = new HashMap<>();
		for (Detection box : boxes) {
			double confidence = percent(detectorConfidence(box.score(), tuning.detectorOdds()));
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

	/** The second look at people and animals, made with the first image that has some. */
	CropCheck cropCheck() {
		CropCheck loaded = cropCheck;
		if (loaded == null) {
			loaded = new CropCheck(hierarchy);
			cropCheck = loaded;
		}
		return loaded;
	}

	private Concepts concepts() {
		Concepts loaded = concepts;
		if (loaded == null) {
			loaded = Concepts.fromClasspath(hierarchy);
			concepts = loaded;
		}
		return loaded;
	}

	private static void add(Map<LabelNode, Double> mass, LabelNode node, double value) {
		mass.merge(node, value, Double::sum);
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
