package app.tasklens.vision;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import app.tasklens.vision.LabelHierarchy.LabelNode;

/**
 * The classifier's second look at the detector's people and animals: the box alone, cropped square with a
 * margin, classified as a photo of its own. The detector knows 10 animals and names every other animal after
 * one of them (sheep for camels, meerkats and ibex; bear for a koala or a porcupine; person for a crab); the
 * classifier knows 398 and tells them apart. A crop that is sure (its strongest class's family holds
 * {@link LabelTuning.CropLook#sure} of the mass) of an animal that is not under the box's class contradicts the
 * box, and every box of that class in the photo: the box's odds times {@link LabelTuning.CropLook#contradict}.
 * So does a crop of an animal box that holds almost no animal (under {@link LabelMerger#BACKED} of the mass) and
 * is sure of a thing (the stones of a viaduct read as sheep). A Person box is contradicted only by an animal
 * that is not a mammal (a crab, a swan, a shark): ImageNet-1k hardly names people (3 of its 1000 classes), and
 * people hold dogs and ride horses and camels.
 */
final class CropCheck {

	/** Boxes below this score are not looked at: they hardly count. */
	static final float MIN_SCORE = 0.08f;

	/** Boxes under this share of the image are not looked at: their crop is a few pixels scaled up. */
	static final double MIN_AREA = 0.002;

	/** The most boxes of a photo {@link #candidates} offers, strongest first; a tuning looks at some of them. */
	static final int CANDIDATES = 6;

	/** Margin on each side of a box, as a share of its longer side: some context, as in ImageNet's photos. */
	static final double MARGIN = 0.15;

	private final LabelHierarchy hierarchy;
	private final boolean[] animal;
	private final boolean[] mammal;
	/** COCO classes a crop may contradict: Person and the animals. */
	private final boolean[] checked;
	private final int person;

	CropCheck(LabelHierarchy hierarchy) {
		this.hierarchy = hierarchy;
		this.animal = imagenetUnder(hierarchy, "Animal");
		this.mammal = imagenetUnder(hierarchy, "Mammal");
		this.person = hierarchy.byName("Person").map(this::cocoIndex).orElse(-1);
		this.checked = new boolean[hierarchy.cocoClasses()];
		for (int c = 0; c < checked.length; c++) {
			LabelNode node = hierarchy.coco(c);
			checked[c] = c == person || hierarchy.ancestors(node).stream().anyMatch(a -> a.name().equals("Animal"));
		}
	}

	/** The boxes a crop may be asked for: people and animals, strongest first (the order every selection keeps). */
	List<Detection> candidates(List<Detection> boxes) {
		return boxes.stream()
			.filter(box -> checked[box.classIndex()] && box.score() >= MIN_SCORE && box.area() >= MIN_AREA)
			.sorted((x, y) -> Float.compare(y.score(), x.score()))
			.limit(CANDIDATES)
			.toList();
	}

	/** The boxes {@code look} crops: the first {@link LabelTuning.CropLook#boxes} of the {@link #candidates}. */
	List<Detection> looked(List<Detection> boxes, LabelTuning.CropLook look) {
		return look.boxes() == 0 ? List.of() : candidates(boxes).stream().limit(look.boxes()).toList();
	}

	/**
	 * The boxes with the scores the crops give them: a class whose strongest looked-at box with logits in
	 * {@code crops} is {@link #contradicts contradicted} has every box's odds times the tuning's factor (a herd of
	 * "sheep" beside a bison is the bison's herd); the other boxes are unchanged. Order is kept.
	 */
	List<Detection> rescored(List<Detection> boxes, Map<Detection, float[]> crops, LabelTuning tuning) {
		LabelTuning.CropLook look = tuning.crops();
		Set<Integer> judged = new HashSet<>();
		Set<Integer> contradicted = new HashSet<>();
		for (Detection box : looked(boxes, look)) {
			float[] logits = crops.get(box);
			if (logits != null && judged.add(box.classIndex())
					&& contradicts(box.classIndex(), Scores.softmax(logits, tuning.temperature()), look.sure())) {
				contradicted.add(box.classIndex());
			}
		}
		if (contradicted.isEmpty()) {
			return boxes;
		}
		List<Detection> rescored = new ArrayList<>(boxes.size());
		for (Detection box : boxes) {
			rescored.add(contradicted.contains(box.classIndex())
					? new Detection(box.classIndex(), (float) LabelMerger.detectorConfidence(box.score(), look.contradict()),
							box.x1(), box.y1(), box.x2(), box.y2())
					: box);
		}
		return rescored;
	}

	/**
	 * Whether a crop's probabilities contradict a box of COCO class {@code cocoClass}: less than
	 * {@link LabelMerger#BACKED} of the mass under the class, and the strongest other class an animal whose family
	 * holds {@code sure} of the mass (not a mammal for a Person box), or for an animal box a thing whose family
	 * holds that much while all animals together hold under {@link LabelMerger#BACKED}.
	 */
	boolean contradicts(int cocoClass, float[] probabilities, double sure) {
		if (!checked[cocoClass]) {
			return false;
		}
		boolean[] under = new boolean[probabilities.length];
		double shows = 0;
		for (int i : hierarchy.imagenetClassesUnder(hierarchy.coco(cocoClass))) {
			under[i] = true;
			shows += probabilities[i];
		}
		if (shows >= LabelMerger.BACKED) {
			return false;
		}
		int top = -1;
		for (int i = 0; i < probabilities.length; i++) {
			if (!under[i] && (top < 0 || probabilities[i] > probabilities[top])) {
				top = i;
			}
		}
		if (top >= 0 && !animal[top] && cocoClass != person) {
			// An animal box whose crop shows no animal at all and is sure of a thing (a viaduct, a wheat field).
			double animals = 0;
			for (int i = 0; i < probabilities.length; i++) {
				if (animal[i]) {
					animals += probabilities[i];
				}
			}
			return animals < LabelMerger.BACKED && familyMass(top, probabilities, under) >= sure;
		}
		if (top < 0 || !animal[top] || (cocoClass == person && mammal[top])) {
			return false;
		}
		return familyMass(top, probabilities, under) >= sure;
	}

	/**
	 * The mass of the strongest class's family (the classes under its first parent: every crab for a rock crab),
	 * without the classes under the box's own class.
	 */
	private double familyMass(int top, float[] probabilities, boolean[] under) {
		int[] family = hierarchy.imagenet(top)
			.parentIds()
			.stream()
			.map(hierarchy::node)
			.flatMap(Optional::stream)
			.findFirst()
			.map(hierarchy::imagenetClassesUnder)
			.orElse(new int[] { top });
		double mass = 0;
		boolean hasTop = false;
		for (int i : family) {
			hasTop |= i == top;
			if (!under[i]) {
				mass += probabilities[i];
			}
		}
		return hasTop ? mass : mass + probabilities[top];
	}

	private static boolean[] imagenetUnder(LabelHierarchy hierarchy, String name) {
		boolean[] under = new boolean[hierarchy.imagenetClasses()];
		hierarchy.byName(name).ifPresent(node -> {
			for (int i : hierarchy.imagenetClassesUnder(node)) {
				under[i] = true;
			}
		});
		return under;
	}

	private int cocoIndex(LabelNode node) {
		for (int c = 0; c < hierarchy.cocoClasses(); c++) {
			if (hierarchy.coco(c).id().equals(node.id())) {
				return c;
			}
		}
		return -1;
	}
}
