package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScoresTest {

	@Test
	void softmaxNormalisesExponentials() {
		assertThat(Scores.softmax(new float[] { 1, 2, 3 }, 1))
			.containsExactly(new float[] { 0.09003057f, 0.24472847f, 0.66524096f }, within(1e-7f));
	}

	@Test
	void temperatureSoftensTheDistribution() {
		assertThat(Scores.softmax(new float[] { 1, 2, 3 }, 2))
			.containsExactly(new float[] { 0.18632372f, 0.30719589f, 0.50648039f }, within(1e-7f));
	}

	@Test
	void softmaxIsStableForLargeLogits() {
		assertThat(Scores.softmax(new float[] { 1000, 1000 }, 1)).containsExactly(0.5f, 0.5f);
	}

	@Test
	void topKReturnsIndicesLargestFirstAndLowerIndexOnTies() {
		float[] values = { 0.1f, 0.5f, 0.3f, 0.5f, 0.05f };

		assertThat(Scores.topK(values, 3)).containsExactly(1, 3, 2);
		assertThat(Scores.topK(values, 9)).containsExactly(1, 3, 2, 0, 4);
	}
}
