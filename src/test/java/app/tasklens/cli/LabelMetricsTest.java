package app.tasklens.cli;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import app.tasklens.cli.LabelMetrics.ClassBox;
import app.tasklens.cli.LabelMetrics.Matching;
import app.tasklens.cli.LabelMetrics.Ratio;
import app.tasklens.labeling.BoundingBox;
import app.tasklens.labeling.Label;
import app.tasklens.vision.LabelHierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The benchmark's arithmetic, on hand-made cases with known answers. */
class LabelMetricsTest {

	private static final int CAT = 15;
	private static final int DOG = 16;

	private final LabelHierarchy hierarchy = LabelHierarchy.fromClasspath();
	private final LabelMetrics metrics = new LabelMetrics(hierarchy);

	@Test
	void iouIsIntersectionOverUnion() {
		BoundingBox a = box(0, 0, 0.5, 0.5);

		assertThat(LabelMetrics.iou(a, a)).isEqualTo(1);
		assertThat(LabelMetrics.iou(a, box(0.25, 0.25, 0.5, 0.5))).isCloseTo(1.0 / 7, within(1e-12));
		assertThat(LabelMetrics.iou(a, box(0, 0, 0.5, 0.25))).isEqualTo(0.5);
		assertThat(LabelMetrics.iou(a, box(0.5, 0, 0.5, 0.5))).as("touching edges").isZero();
		assertThat(LabelMetrics.iou(a, box(0.7, 0.7, 0.1, 0.1))).isZero();
	}

	@Test
	void aBoxMatchesOneAnnotatedBoxOfItsClassWithIouOfAtLeastHalf() {
		List<ClassBox> annotated = List.of(object(DOG, 0, 0, 0.4, 0.4), object(DOG, 0.5, 0.5, 0.4, 0.4),
				object(CAT, 0, 0.5, 0.25, 0.25));
		List<ClassBox> returned = List.of(
				new ClassBox(DOG, box(0, 0, 0.4, 0.4), 90), // the first dog
				new ClassBox(DOG, box(0.1, 0, 0.4, 0.4), 80), // the first dog again (IoU 0.6): a duplicate
				new ClassBox(CAT, box(0.5, 0.5, 0.4, 0.4), 70), // on the second dog, wrong class
				new ClassBox(DOG, box(0.7, 0.5, 0.4, 0.4), 60), // the second dog at IoU 1/3
				new ClassBox(CAT, box(0, 0.5, 0.25, 0.125), 50)); // the cat at IoU exactly 0.5

		Matching matching = LabelMetrics.match(annotated, returned, 0.5);

		assertThat(matching).isEqualTo(new Matching(2, 5, 3));
		assertThat(matching.precision().value()).isEqualTo(0.4);
		assertThat(matching.recall().value()).isEqualTo(2.0 / 3);
	}

	@Test
	void theMoreConfidentBoxTakesTheMatchEvenWhenALaterOneFitsBetter() {
		List<ClassBox> annotated = List.of(object(DOG, 0, 0, 0.4, 0.4));
		List<ClassBox> returned = List.of(new ClassBox(DOG, box(0, 0, 0.4, 0.4), 50),
				new ClassBox(DOG, box(0.1, 0, 0.4, 0.4), 90));

		assertThat(LabelMetrics.match(annotated, returned, 0.5)).isEqualTo(new Matching(1, 2, 1));
		assertThat(LabelMetrics.match(annotated, List.of(), 0.5).precision().value()).isNaN();
	}

	@Test
	void recallCountsEachClassPresentNamedByALabelOrAParent() {
		List<Label> labels = List.of(label("Malamute", "Dog", "Canine", "Pet", "Carnivore", "Mammal", "Animal"),
				label("Animal"));

		assertThat(metrics.labelRecall(Set.of(DOG, CAT), labels)).isEqualTo(new Ratio(1, 2));
		assertThat(metrics.labelRecall(Set.of(DOG), labels)).isEqualTo(new Ratio(1, 1));
		assertThat(metrics.labelRecall(Set.of(), labels).value()).isNaN();
	}

	@Test
	void precisionJudgesOnlyModelClassesThatClaimACocoClass() {
		// Malamute (a kind of dog) and Dog are right; Tabby claims a cat that is not there; Animal is a
		// parent and Hammer names no COCO class, so neither is judged.
		List<Label> labels = List.of(label("Malamute", "Dog"), label("Dog"), label("Animal"), label("Tabby", "Cat"),
				label("Hammer"));

		assertThat(metrics.labelPrecision(Set.of(DOG), labels)).isEqualTo(new Ratio(2, 3));
		assertThat(metrics.labelPrecision(Set.of(DOG, CAT), labels)).isEqualTo(new Ratio(3, 3));
	}

	@Test
	void aTrueClassIsFoundThroughItselfOrAnAncestor() {
		var malamute = hierarchy.imagenet(hierarchy.imagenetClass("n02110063").orElseThrow());

		assertThat(metrics.namesClassOrAncestor(malamute, List.of(label("Malamute")))).isTrue();
		assertThat(metrics.namesClassOrAncestor(malamute, List.of(label("Husky", "Dog")))).isTrue();
		assertThat(metrics.namesClassOrAncestor(malamute, List.of(label("Tabby", "Cat")))).isFalse();
	}

	@Test
	void anEverydayLabelIsAcceptedWhenNamedOrAnAncestorOfANamedOne() {
		Set<String> accepted = Set.of("German Shepherd", "Lake");

		assertThat(metrics.accepted(label("german shepherd"), accepted)).as("case-insensitive").isTrue();
		assertThat(metrics.accepted(label("Dog"), accepted)).as("a parent of German Shepherd").isTrue();
		assertThat(metrics.accepted(label("Water"), accepted)).as("a concept above Lake").isTrue();
		assertThat(metrics.accepted(label("Malamute"), accepted)).as("another breed").isFalse();
		assertThat(metrics.accepted(label("Cat"), accepted)).isFalse();
	}

	@Test
	void anEverydayPhotoScoresHitsNoLabelAndWrongLabelsAtNinety() {
		Set<String> accepted = Set.of("Dog");
		List<Label> labels = List.of(label("Cat", 95), label("Bird", 91), label("Dog", 80), label("Car", 70),
				label("Bus", 60), label("Animal", 56));

		LabelMetrics.PhotoScore score = metrics.scorePhoto(labels, accepted, Set.of("Cat", "Bus"));

		assertThat(score.hit1()).isFalse();
		assertThat(score.hit5()).isTrue();
		assertThat(score.none()).isFalse();
		assertThat(score.wrongAt90()).isEqualTo(2);
		assertThat(score.namedWrongInFive()).isEqualTo(2);
		assertThat(metrics.scorePhoto(List.of(), accepted, Set.of()).none()).isTrue();
	}

	@Test
	void percentileIsTheNearestRank() {
		double[] five = { 5, 1, 4, 2, 3 };
		double[] twenty = IntStream.rangeClosed(1, 20).asDoubleStream().toArray();

		assertThat(LabelMetrics.percentile(five, 0)).as("the smallest").isEqualTo(1);
		assertThat(LabelMetrics.percentile(five, 50)).isEqualTo(3);
		assertThat(LabelMetrics.percentile(five, 20)).isEqualTo(1);
		assertThat(LabelMetrics.percentile(five, 21)).isEqualTo(2);
		assertThat(LabelMetrics.percentile(five, 95)).isEqualTo(5);
		assertThat(LabelMetrics.percentile(twenty, 95)).isEqualTo(19);
		assertThat(LabelMetrics.percentile(twenty, 100)).isEqualTo(20);
		assertThat(LabelMetrics.percentile(new double[0], 50)).isNaN();
	}

	private static BoundingBox box(double left, double top, double width, double height) {
		return new BoundingBox(left, top, width, height);
	}

	private static ClassBox object(int classIndex, double left, double top, double width, double height) {
		return new ClassBox(classIndex, box(left, top, width, height), 100);
	}

	private static Label label(String name, double confidence) {
		return new Label(name, confidence, List.of(), List.of(), List.of(), List.of());
	}

	private static Label label(String name, String... parents) {
		return new Label(name, 90, List.of(), List.of(parents), List.of(), List.of());
	}
}
