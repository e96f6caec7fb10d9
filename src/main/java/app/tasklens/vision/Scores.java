package app.tasklens.vision;

import java.util.Arrays;

/** Classifier output arithmetic. */
final class Scores {

	private Scores() {
	}

	/**
	 * Softmax of {@code logits / temperature}; a temperature above 1 softens an over-confident model
	 * (temperature scaling, fitted on held-out images).
	 */
	static float[] softmax(float[] logits, double temperature) {
		double max = Double.NEGATIVE_INFINITY;
		for (float logit : logits) {
			max = Math.max(max, logit);
		}
		double[] exp = new double[logits.length];
		double sum = 0;
		for (int i = 0; i < logits.length; i++) {
			exp[i] = Math.exp((logits[i] - max) / temperature);
			sum += exp[i];
		}
		float[] probabilities = new float[logits.length];
		for (int i = 0; i < logits.length; i++) {
			probabilities[i] = (float) (exp[i] / sum);
		}
		return probabilities;
	}

	/** Indices of the {@code k} largest values, largest first; ties go to the lower index. */
	static int[] topK(float[] values, int k) {
		int n = Math.min(k, values.length);
		int[] top = new int[n];
		Arrays.fill(top, -1);
		for (int i = 0; i < values.length; i++) {
			int position = n;
			while (position > 0 && (top[position - 1] < 0 || values[i] > values[top[position - 1]])) {
				position--;
			}
			if (position < n) {
				System.arraycopy(top, position, top, position + 1, n - position - 1);
				top[position] = i;
			}
		}
		return top;
	}
}
