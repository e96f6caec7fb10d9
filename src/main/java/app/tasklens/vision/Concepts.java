package app.tasklens.vision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.tasklens.vision.LabelHierarchy.LabelNode;

/**
 * The scene and concept labels of {@value #RESOURCE} (Outdoors, Water, Building, Food…) and what the models'
 * classes say about them: per concept a weight for each ImageNet class and each COCO class. A concept's
 * confidence is the weighted sum of the classifier's probabilities, and at least the weighted detector
 * confidence of each COCO class that implies it.
 *
 * <p>Every ImageNet class below a concept in the label hierarchy weighs 1 (Building: every church, palace,
 * barn…); the file adds the evidence the hierarchy does not hold (a lakeside implies Water). A concept
 * inherits the evidence of the concepts below it (Sea's makes Water), so a parent is never less sure than its
 * child.
 */
final class Concepts {

	static final String RESOURCE = "concepts.tsv";

	private final List<Concept> concepts;

	/** One concept: its node, a weight per ImageNet class (0–999) and per COCO class (0–79). */
	record Concept(LabelNode node, float[] imagenet, float[] coco) {

		/** Σ weight × probability: the classifier's confidence in the concept. */
		double classifierConfidence(float[] probabilities) {
			double sum = 0;
			for (int i = 0; i < imagenet.length; i++) {
				sum += imagenet[i] * probabilities[i];
			}
			return Math.min(1, sum);
		}

		/** The strongest weighted detector confidence among the COCO classes that imply the concept. */
		double detectorConfidence(Map<Integer, Double> detected) {
			double best = 0;
			for (Map.Entry<Integer, Double> found : detected.entrySet()) {
				best = Math.max(best, coco[found.getKey()] * found.getValue());
			}
			return best;
		}
	}

	Concepts(List<Concept> concepts) {
		this.concepts = List.copyOf(concepts);
	}

	static Concepts fromClasspath(LabelHierarchy hierarchy) {
		return of(hierarchy, LabelHierarchy.rows(RESOURCE));
	}

	/**
	 * @param rows the rows of {@value #RESOURCE}: {@code concept} rows name the concepts, {@code from} rows give
	 *        evidence (see the file's header)
	 * @throws IllegalStateException when a row names a label or COCO class that does not exist
	 */
	static Concepts of(LabelHierarchy hierarchy, List<String[]> rows) {
		Map<String, Integer> cocoByName = new HashMap<>();
		for (String[] row : LabelHierarchy.rows("coco-classes.tsv")) {
			cocoByName.put(row[1], Integer.parseInt(row[0]));
		}
		Map<LabelNode, Concept> own = new LinkedHashMap<>();
		for (String[] row : rows) {
			if (row[0].equals("concept")) {
				LabelNode node = node(hierarchy, row[1]);
				float[] imagenet = new float[hierarchy.imagenetClasses()];
				for (int i : hierarchy.imagenetClassesUnder(node)) {
					imagenet[i] = 1;
				}
				own.put(node, new Concept(node, imagenet, new float[hierarchy.cocoClasses()]));
			}
		}
		for (String[] row : rows) {
			if (!row[0].equals("from")) {
				continue;
			}
			Concept concept = own.get(node(hierarchy, row[1]));
			if (concept == null) {
				throw new IllegalStateException(RESOURCE + ": evidence for " + row[1] + ", which has no concept row");
			}
			float weight = Float.parseFloat(row[2]);
			if (!(weight > 0 && weight <= 1)) {
				throw new IllegalStateException(RESOURCE + ": weight " + row[2] + " of " + row[1] + " is not in (0, 1]");
			}
			for (String evidence : row[3].split("\\|")) {
				if (evidence.startsWith("coco:")) {
					Integer c = cocoByName.get(evidence.substring("coco:".length()));
					if (c == null) {
						throw new IllegalStateException(RESOURCE + ": no COCO class " + evidence + " (for " + row[1] + ")");
					}
					concept.coco()[c] = Math.max(concept.coco()[c], weight);
				}
				else {
					for (int i : hierarchy.imagenetClassesUnder(node(hierarchy, evidence))) {
						concept.imagenet()[i] = Math.max(concept.imagenet()[i], weight);
					}
				}
			}
		}
		List<Concept> inherited = new ArrayList<>();
		for (Concept concept : own.values()) {
			float[] imagenet = concept.imagenet().clone();
			float[] coco = concept.coco().clone();
			for (Concept below : own.values()) {
				if (hierarchy.ancestors(below.node()).contains(concept.node())) {
					max(imagenet, below.imagenet());
					max(coco, below.coco());
				}
			}
			inherited.add(new Concept(concept.node(), imagenet, coco));
		}
		return new Concepts(inherited);
	}

	List<Concept> all() {
		return concepts;
	}

	private static LabelNode node(LabelHierarchy hierarchy, String name) {
		return hierarchy.byName(name)
			.orElseThrow(() -> new IllegalStateException(RESOURCE + ": no label named " + name));
	}

	private static void max(float[] into, float[] other) {
		for (int i = 0; i < into.length; i++) {
			into[i] = Math.max(into[i], other[i]);
		}
	}
}
