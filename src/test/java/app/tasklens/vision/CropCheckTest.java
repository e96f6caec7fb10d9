package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.tasklens.vision.LabelTuning.CropLook;

/** What the classifier's look at a person or animal box alone says of the box, on the real label hierarchy. */
class CropCheckTest {

	private static final LabelHierarchy HIERARCHY = LabelHierarchy.fromClasspath();
	private static final int COCO_PERSON = 0;
	private static final int COCO_CHAIR = 56;
	private static final int COCO_DOG = 16;
	private static final int COCO_SHEEP = 18;

	private final CropCheck check = new CropCheck(HIERARCHY);

	@Test
	void aCropSureOfAnotherAnimalContradictsTheBox() {
		assertThat(check.contradicts(COCO_SHEEP, sure("Arabian Camel", 0.9f), 0.7)).as("a camel").isTrue();
		assertThat(check.contradicts(COCO_SHEEP, sure("Ram", 0.9f), 0.7)).as("a ram is a sheep").isFalse();
		assertThat(check.contradicts(COCO_SHEEP, sure("Arabian Camel", 0.6f), 0.7)).as("not sure").isFalse();
		assertThat(check.contradicts(COCO_SHEEP, sure("Viaduct", 0.9f), 0.7)).as("stones, no animal").isTrue();
		assertThat(check.contradicts(COCO_SHEEP, mixed("Viaduct", 0.75f, "Ram", 0.2f), 0.7)).as("sheep on a bridge")
			.isFalse();
	}

	@Test
	void aPersonIsContradictedOnlyByAnAnimalThatIsNotAMammal() {
		assertThat(check.contradicts(COCO_PERSON, sure("Rock Crab", 0.9f), 0.7)).as("a crab").isTrue();
		assertThat(check.contradicts(COCO_PERSON, sure("Malamute", 0.9f), 0.7)).as("a person holding a dog").isFalse();
		assertThat(check.contradicts(COCO_PERSON, sure("Arabian Camel", 0.9f), 0.7)).as("riding a camel").isFalse();
		assertThat(check.contradicts(COCO_PERSON, sure("Kimono", 0.9f), 0.7)).as("what people wear").isFalse();
	}

	@Test
	void objectsThatAreNeitherPeopleNorAnimalsAreNotLookedAt() {
		Detection chair = new Detection(COCO_CHAIR, 0.9f, 0.1f, 0.1f, 0.6f, 0.6f);
		Detection dog = new Detection(COCO_DOG, 0.5f, 0.1f, 0.1f, 0.6f, 0.6f);
		Detection tiny = new Detection(COCO_DOG, 0.9f, 0.1f, 0.1f, 0.12f, 0.12f);

		assertThat(check.candidates(List.of(chair, dog, tiny))).containsExactly(dog);
		assertThat(check.contradicts(COCO_CHAIR, sure("Arabian Camel", 0.99f), 0.7)).isFalse();
	}

	@Test
	void aContradictedClassLosesOddsInEveryBoxAndOtherClassesKeepTheirs() {
		Detection sheep = new Detection(COCO_SHEEP, 0.9f, 0.1f, 0.1f, 0.5f, 0.5f);
		Detection distantSheep = new Detection(COCO_SHEEP, 0.8f, 0.8f, 0.1f, 0.82f, 0.12f);
		Detection dog = new Detection(COCO_DOG, 0.7f, 0.5f, 0.5f, 0.9f, 0.9f);
		LabelTuning tuning = LabelTuning.DEFAULT.withCrops(new CropLook(6, 0.1, 0.7));

		List<Detection> rescored = check.rescored(List.of(sheep, distantSheep, dog),
				Map.of(sheep, logits("Arabian Camel", 0.95f), dog, logits("Malamute", 0.95f)), tuning);

		assertThat(rescored.get(0).score()).as("odds 9 × 0.1").isCloseTo(0.47f, within(0.01f));
		assertThat(rescored.get(1).score()).as("too small to look at, same class").isCloseTo(0.29f,
				within(0.01f));
		assertThat(rescored.get(2)).isEqualTo(dog);
		assertThat(check.rescored(List.of(sheep, dog), Map.of(sheep, logits("Arabian Camel", 0.95f)),
				LabelTuning.DEFAULT.withCrops(CropLook.NONE))).as("no second look").containsExactly(sheep, dog);
	}

	/** Probabilities with {@code share} on the class named {@code name}, the rest spread over all others. */
	private static float[] sure(String name, float share) {
		float[] probabilities = new float[HIERARCHY.imagenetClasses()];
		Arrays.fill(probabilities, (1 - share) / (probabilities.length - 1));
		probabilities[imagenet(name)] = share;
		return probabilities;
	}

	/** {@code first} and {@code second} with their shares, the rest spread over all other classes. */
	private static float[] mixed(String first, float firstShare, String second, float secondShare) {
		float[] probabilities = new float[HIERARCHY.imagenetClasses()];
		Arrays.fill(probabilities, (1 - firstShare - secondShare) / (probabilities.length - 2));
		probabilities[imagenet(first)] = firstShare;
		probabilities[imagenet(second)] = secondShare;
		return probabilities;
	}

	/** Logits whose softmax is {@link #sure}. */
	private static float[] logits(String name, float share) {
		float[] probabilities = sure(name, share);
		float[] logits = new float[probabilities.length];
		for (int i = 0; i < logits.length; i++) {
			logits[i] = (float) Math.log(probabilities[i]);
		}
		return logits;
	}

	private static int imagenet(String name) {
		for (int i = 0; i < HIERARCHY.imagenetClasses(); i++) {
			if (HIERARCHY.imagenet(i).name().equals(name)) {
				return i;
			}
		}
		throw new IllegalArgumentException(name);
	}
}
