package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import app.tasklens.labeling.BoundingBox;
import app.tasklens.labeling.DetectOptions;
import app.tasklens.labeling.Label;
import app.tasklens.labeling.TextDetection;

class LabelMergerTest {

	private static final LabelHierarchy HIERARCHY = LabelHierarchy.fromClasspath();

	private static final int COCO_DOG = 16;
	private static final int COCO_CAT = 15;
	private static final int IMAGENET_MALAMUTE = 249;
	private static final int IMAGENET_TABBY = 281;
	private static final int IMAGENET_HUSKY = HIERARCHY.imagenetClass("n02110185").getAsInt();

	private final LabelMerger merger = new LabelMerger(HIERARCHY);

	@Test
	void detectorScoreOddsAreScaledSoScoreQuarterIsConfidence55() {
		assertThat(LabelMerger.detectorConfidence(0.25)).isCloseTo(0.55, within(1e-12));
		assertThat(LabelMerger.detectorConfidence(0.5)).isCloseTo(11 / 14.0, within(1e-12));
		assertThat(LabelMerger.detectorConfidence(0)).isZero();
		assertThat(LabelMerger.detectorConfidence(1)).isEqualTo(1);
	}

	@Test
	void dogBoxAndMalamuteBecomeDogWithTheBoxAndMalamuteUnderDog() {
		Detection box = new Detection(COCO_DOG, 0.5f, 0.1f, 0.3f, 0.4f, 0.9f);

		List<Label> labels = merger.merge(List.of(box), probabilities(IMAGENET_MALAMUTE, 0.7f), List.of(), defaults());

		Label dog = label(labels, "Dog");
		assertThat(dog.confidence()).isEqualTo(78.57);
		assertThat(dog.instances()).containsExactly(
				new Label.Instance(new BoundingBox(0.1f, 0.3f, (double) 0.4f - 0.1f, (double) 0.9f - 0.3f), 78.57));
		assertThat(dog.parents()).containsExactly("Canine", "Pet", "Carnivore", "Mammal", "Animal");
		assertThat(dog.aliases()).contains("Domestic Dog");
		assertThat(dog.categories()).containsExactly("Animals and Pets");
		Label malamute = label(labels, "Malamute");
		assertThat(malamute.confidence()).isEqualTo(70.0);
		assertThat(malamute.instances()).isEmpty();
		assertThat(malamute.parents()).startsWith("Dog");
	}

	@Test
	void parentsTakeTheConfidenceOfTheirStrongestChildAndRankAfterIt() {
		Detection weakDog = new Detection(COCO_DOG, 0.2f, 0, 0, 1, 1);
		float[] probabilities = probabilities(IMAGENET_MALAMUTE, 0.9f);

		List<Label> labels = merger.merge(List.of(weakDog), probabilities, List.of(), defaults());

		assertThat(labels).extracting(Label::name)
			.containsExactly("Malamute", "Dog", "Canine", "Carnivore", "Mammal", "Pet", "Animal");
		assertThat(labels).extracting(Label::confidence).containsOnly(90.0);
	}

	@Test
	void aParentsConfidenceIsTheProbabilityMassOfAllItsDescendants() {
		float[] probabilities = new float[1000];
		probabilities[IMAGENET_MALAMUTE] = 0.3f;
		probabilities[IMAGENET_HUSKY] = 0.3f;
		probabilities[IMAGENET_TABBY] = 0.2f;
		Detection dog = new Detection(COCO_DOG, 0.2f, 0, 0, 1, 1);
		Detection cat = new Detection(COCO_CAT, 0.2f, 0, 0, 1, 1);

		List<Label> labels = merger.merge(List.of(dog, cat), probabilities, List.of(), minConfidence(0));

		assertThat(label(labels, "Malamute").confidence()).isEqualTo(30.0);
		assertThat(label(labels, "Dog").confidence()).as("two breeds").isEqualTo(60.0);
		assertThat(label(labels, "Carnivore").confidence()).as("dogs and a cat").isEqualTo(80.0);
	}

	@Test
	void conceptLabelsSumTheWeightedMassOfTheClassesThatImplyThem() {
		float[] probabilities = new float[1000];
		probabilities[imagenet("Church")] = 0.25f;
		probabilities[imagenet("Monastery")] = 0.25f;
		probabilities[imagenet("Palace")] = 0.2f;
		probabilities[imagenet("Lakeside")] = 0.2f;

		List<Label> labels = merger.merge(List.of(), probabilities, List.of(), minConfidence(0));

		assertThat(label(labels, "Building").confidence()).as("three buildings, none above 25 %").isEqualTo(70.0);
		assertThat(label(labels, "Building").parents()).contains("Architecture");
		assertThat(label(labels, "Water").confidence()).as("the lakeside").isEqualTo(20.0);
		assertThat(label(labels, "Outdoors").confidence()).as("buildings 0.8 each, the lakeside 1")
			.isCloseTo(0.7 * 80 + 20, within(0.01));
		assertThat(label(labels, "Outdoors").categories()).containsExactly("Nature and Outdoors");
	}


	@Test
	void classesThatAreADetectorObjectUnderAnotherWordNameTheObject() {
		float[] probabilities = new float[1000];
		probabilities[imagenet("Washbasin")] = 0.7f;
		probabilities[imagenet("Racket")] = 0.2f;

		List<Label> labels = merger.merge(List.of(), probabilities, List.of(), minConfidence(0));

		assertThat(label(labels, "Sink").confidence()).as("a washbasin is a sink").isEqualTo(70.0);
		assertThat(label(labels, "Tennis Racket").confidence()).as("rackets are mostly tennis rackets")
			.isCloseTo(0.2 * 80, within(0.01));
	}
	@Test
	void aSmallLoneObjectTheClassifierDoesNotBackRanksAfterWhatTheWholeImageSays() {
		float[] church = new float[1000];
		church[imagenet("Church")] = 0.8f;
		Detection smallBird = new Detection(14, 0.9f, 0.4f, 0.1f, 0.45f, 0.15f);
		Detection bigBird = new Detection(14, 0.9f, 0.2f, 0.1f, 0.8f, 0.9f);

		List<Label> small = merger.merge(List.of(smallBird), church, List.of(), defaults());
		List<Label> big = merger.merge(List.of(bigBird), church, List.of(), defaults());

		assertThat(small.get(0).name()).isEqualTo("Church");
		assertThat(label(small, "Bird").confidence()).isLessThanOrEqualTo(80.0);
		assertThat(big.get(0).name()).as("a large bird is not capped").isEqualTo("Bird");
		assertThat(label(big, "Bird").confidence()).isGreaterThan(80.0);
	}

	@Test
	void classifierNamingADetectorObjectWithNoTraceOfItIsDiscounted() {
		List<Label> alone = merger.merge(List.of(), probabilities(IMAGENET_TABBY, 0.8f), List.of(), minConfidence(0));
		List<Label> traced = merger.merge(List.of(new Detection(COCO_CAT, 0.06f, 0, 0, 1, 1)),
				probabilities(IMAGENET_TABBY, 0.8f), List.of(), minConfidence(0));

		assertThat(label(alone, "Tabby").confidence()).isEqualTo(24.0);
		assertThat(label(traced, "Tabby").confidence()).isEqualTo(80.0);
	}

	/** Measured, not shipped (bench-labels' merge methods table): both knobs, and their shipped values. */
	@Test
	void agreementTakesDetectorAndClassifierAsIndependentWitnessesWhenAskedTo() {
		Detection dog = new Detection(COCO_DOG, 0.2f, 0, 0, 1, 1);
		float[] malamute = probabilities(IMAGENET_MALAMUTE, 0.5f);
		double detector = LabelMerger.detectorConfidence(0.2);

		double shipped = label(merger.merge(List.of(dog), malamute, List.of(), minConfidence(0)), "Dog").confidence();
		double witnesses = label(merger.merge(List.of(dog), malamute, List.of(), LabelTuning.DEFAULT.withAgreement(1),
				minConfidence(0)), "Dog").confidence();

		assertThat(shipped).as("the stronger of the two").isEqualTo(Math.round(Math.max(detector, 0.5) * 10_000) / 100.0);
		assertThat(witnesses).isEqualTo(Math.round((1 - (1 - detector) * 0.5) * 10_000) / 100.0);
	}

	@Test
	void aContradictedObjectGetsTheUnconfirmedOddsFromTheContradictedShareOfTheImage() {
		float[] bison = new float[1000];
		bison[imagenet("Bison")] = 0.9f;
		Detection sheep = new Detection(18, 0.9f, 0.2f, 0.2f, 0.6f, 0.6f);
		double unconfirmed = 0.9 / 0.1 * LabelTuning.DEFAULT.detectorOdds() * LabelTuning.DEFAULT.unconfirmed();

		double shipped = label(merger.merge(List.of(sheep), bison, List.of(), minConfidence(0)), "Sheep").confidence();
		double fromTenPercent = label(merger.merge(List.of(sheep), bison, List.of(),
				LabelTuning.DEFAULT.withContradicted(0.1), minConfidence(0)), "Sheep").confidence();

		assertThat(shipped).as("16 % of the image is under the shipped 25 %")
			.isEqualTo(Math.round(LabelMerger.detectorConfidence(0.9) * 10_000) / 100.0);
		assertThat(fromTenPercent).isEqualTo(Math.round(unconfirmed / (1 + unconfirmed) * 10_000) / 100.0);
	}

	@Test
	void textFoundBecomesATextLabel() {
		TextDetection line = new TextDetection("OPEN", TextDetection.Type.LINE, 0, null, 91.5,
				new TextDetection.Geometry(new BoundingBox(0, 0, 1, 1), List.of()));

		List<Label> labels = merger.merge(List.of(), new float[1000], List.of(line), defaults());

		assertThat(labels).singleElement().satisfies(text -> {
			assertThat(text.name()).isEqualTo("Text");
			assertThat(text.confidence()).isEqualTo(91.5);
			assertThat(text.categories()).containsExactly("Text and Documents");
		});
	}

	@Test
	void boxesAreClippedToTheImage() {
		assertThat(LabelMerger.clipped(new Detection(0, 1, -0.1f, 0.5f, 0.5f, 1.2f)))
			.isEqualTo(new BoundingBox(0, 0.5f, 0.5f, 0.5f));
	}

	@Test
	void instancesBelowMinConfidenceAreLeftOut() {
		Detection strong = new Detection(COCO_DOG, 0.9f, 0, 0, 0.5f, 0.5f);
		Detection weak = new Detection(COCO_DOG, 0.1f, 0.5f, 0.5f, 1, 1);

		Label dog = label(merger.merge(List.of(strong, weak), new float[1000], List.of(), defaults()), "Dog");

		assertThat(dog.instances()).hasSize(1);
		assertThat(dog.confidence()).isEqualTo(97.37); // noisy-OR 0.91: odds 10.11 · 3.667 = 37.07
	}

	@Test
	void filtersAndMaxLabelsApplyAfterRanking() {
		List<Detection> boxes = List.of(new Detection(COCO_DOG, 0.9f, 0, 0, 1, 1),
				new Detection(2, 0.8f, 0, 0, 1, 1));
		float[] malamute = probabilities(IMAGENET_MALAMUTE, 0.6f);

		assertThat(names(merger.merge(boxes, malamute, List.of(),
				new DetectOptions(50, 55, false, Set.of("MALAMUTE", "car"), Set.of(), Set.of(), Set.of()))))
			.containsExactly("Car", "Malamute");
		assertThat(names(merger.merge(boxes, malamute, List.of(),
				new DetectOptions(50, 55, false, Set.of(), Set.of(), Set.of(), Set.of("animals and pets")))))
			.containsExactly("Car", "Vehicle", "Transportation", "Outdoors");
		assertThat(names(merger.merge(boxes, malamute, List.of(), defaults().withMaxLabels(2))))
			.containsExactly("Dog", "Canine");
	}

	private static int imagenet(String name) {
		for (int i = 0; i < HIERARCHY.imagenetClasses(); i++) {
			if (HIERARCHY.imagenet(i).name().equals(name)) {
				return i;
			}
		}
		throw new IllegalArgumentException(name);
	}

	private static float[] probabilities(int index, float probability) {
		float[] p = new float[1000];
		p[index] = probability;
		return p;
	}

	private static DetectOptions defaults() {
		return DetectOptions.defaults();
	}

	private static DetectOptions minConfidence(double value) {
		return DetectOptions.defaults().withMinConfidence(value);
	}

	private static Label label(List<Label> labels, String name) {
		Optional<Label> label = labels.stream().filter(l -> l.name().equals(name)).findFirst();
		assertThat(label).as("%s among %s", name, names(labels)).isPresent();
		return label.get();
	}

	private static List<String> names(List<Label> labels) {
		return labels.stream().map(Label::name).toList();
	}
}
