package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BoxFusionTest {

	@Test
	void aWeakerBoxOfAnotherClassOnTheSameObjectIsDropped() {
		Detection dog = new Detection(16, 0.8f, 0, 0, 10, 10);
		Detection catOnDog = new Detection(15, 0.4f, 0, 0, 10, 9); // IoU 0.9
		Detection personBeside = new Detection(0, 0.5f, 5, 0, 15, 10); // IoU 1/3
		Detection secondDog = new Detection(16, 0.3f, 0, 0, 10, 9);

		assertThat(BoxFusion.suppressAcrossClasses(List.of(dog, personBeside, catOnDog, secondDog), 0.8f))
			.containsExactly(dog, personBeside, secondDog);
	}

	@Test
	void mirroredBoxesComeBackToTheirSide() {
		assertThat(BoxFusion.mirror(List.of(new Detection(2, 0.5f, 10, 5, 30, 20)), 100))
			.containsExactly(new Detection(2, 0.5f, 70, 5, 90, 20));
	}

	@Test
	void boxesBothPassesFoundAreAveragedAndOthersKeepHalfTheirScore() {
		Detection straight = new Detection(0, 0.8f, 0, 0, 10, 10);
		Detection mirrored = new Detection(0, 0.4f, 0, 0, 10, 12); // IoU 100 / 120
		Detection onlyStraight = new Detection(1, 0.5f, 50, 50, 60, 60);
		Detection otherClassSamePlace = new Detection(2, 0.3f, 0, 0, 10, 10);

		List<Detection> fused = BoxFusion.fuse(List.of(straight, onlyStraight), List.of(otherClassSamePlace, mirrored));

		assertThat(fused).hasSize(3);
		Detection pair = fused.get(0);
		assertThat(pair.classIndex()).isZero();
		assertThat(pair.score()).isCloseTo(0.6f, within(1e-6f));
		// corners weighted 2 : 1 by score
		assertThat(pair.y2()).isCloseTo(32 / 3f, within(1e-5f));
		assertThat(pair.x2()).isCloseTo(10f, within(1e-6f));
		assertThat(fused.get(1)).isEqualTo(new Detection(1, 0.25f, 50, 50, 60, 60));
		assertThat(fused.get(2)).isEqualTo(new Detection(2, 0.15f, 0, 0, 10, 10));
	}

	@Test
	void aBoxOnePassFoundKeepsTheShareAskedForAndPairsStayAveraged() {
		Detection straight = new Detection(0, 0.8f, 0, 0, 10, 10);
		Detection mirrored = new Detection(0, 0.4f, 0, 0, 10, 10);
		Detection onlyMirrored = new Detection(3, 0.5f, 50, 50, 60, 60);

		List<Detection> fused = BoxFusion.fuse(List.of(straight), List.of(mirrored, onlyMirrored), 0.1f);

		assertThat(fused).hasSize(2);
		assertThat(fused.get(0).score()).isCloseTo(0.6f, within(1e-6f));
		assertThat(fused.get(1)).isEqualTo(new Detection(3, 0.05f, 50, 50, 60, 60));
		assertThat(BoxFusion.fuse(List.of(straight), List.of(mirrored, onlyMirrored)))
			.isEqualTo(BoxFusion.fuse(List.of(straight), List.of(mirrored, onlyMirrored), BoxFusion.UNPAIRED));
	}

	@Test
	void classScoreIsTheChanceThatAtLeastOneBoxIsRight() {
		Map<Integer, Float> scores = BoxFusion.classScores(List.of(new Detection(56, 0.5f, 0, 0, 1, 1),
				new Detection(56, 0.5f, 2, 2, 3, 3), new Detection(0, 0.3f, 0, 0, 1, 1)));

		assertThat(scores).containsOnlyKeys(56, 0);
		assertThat(scores.get(56)).isCloseTo(0.75f, within(1e-6f));
		assertThat(scores.get(0)).isCloseTo(0.3f, within(1e-6f));
	}

	@Test
	void tileBoxesCountWeightedOnlyWhenSmallAndTheStrongerOfTwoOnOneObjectStays() {
		Detection wholeCup = new Detection(41, 0.4f, 0.10f, 0.10f, 0.20f, 0.20f);
		Detection tileCup = new Detection(41, 0.9f, 0.11f, 0.10f, 0.21f, 0.20f);
		Detection tileKnife = new Detection(43, 0.6f, 0.50f, 0.50f, 0.55f, 0.60f);
		Detection tileTable = new Detection(60, 0.8f, 0, 0.3f, 1, 1);

		List<Detection> merged = BoxFusion.withTiles(List.of(wholeCup), List.of(tileCup, tileKnife, tileTable), 0.5f,
				0.05f);

		assertThat(merged).extracting(Detection::classIndex).containsExactly(41, 43);
		assertThat(merged.get(0).score()).as("the tile's cup at half weight beats the whole image's").isEqualTo(0.45f);
		assertThat(merged.get(1).score()).isEqualTo(0.3f);
	}
}
