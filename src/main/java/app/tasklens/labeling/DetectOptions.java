package app.tasklens.labeling;

import java.util.Set;

/**
 * The caller's options, as DetectLabels has them. Filters compare case-insensitively; an empty
 * inclusion set means "everything".
 */
public record DetectOptions(
		int maxLabels,
		double minConfidence,
		boolean detectText,
		Set<String> includeLabels,
		Set<String> excludeLabels,
		Set<String> includeCategories,
		Set<String> excludeCategories) {

	public static final int DEFAULT_MAX_LABELS = 50;
	public static final double DEFAULT_MIN_CONFIDENCE = 55;

	public DetectOptions {
		if (maxLabels < 1) {
			throw new IllegalArgumentException("maxLabels must be at least 1");
		}
		if (minConfidence < 0 || minConfidence > 100) {
			throw new IllegalArgumentException("minConfidence must be between 0 and 100");
		}
		includeLabels = Set.copyOf(includeLabels);
		excludeLabels = Set.copyOf(excludeLabels);
		includeCategories = Set.copyOf(includeCategories);
		excludeCategories = Set.copyOf(excludeCategories);
	}

	public static DetectOptions defaults() {
		return new DetectOptions(DEFAULT_MAX_LABELS, DEFAULT_MIN_CONFIDENCE, true, Set.of(), Set.of(), Set.of(),
				Set.of());
	}

	public DetectOptions withMaxLabels(int value) {
		return new DetectOptions(value, minConfidence, detectText, includeLabels, excludeLabels,
				includeCategories, excludeCategories);
	}

	public DetectOptions withMinConfidence(double value) {
		return new DetectOptions(maxLabels, value, detectText, includeLabels, excludeLabels, includeCategories,
				excludeCategories);
	}

	public DetectOptions withDetectText(boolean value) {
		return new DetectOptions(maxLabels, minConfidence, value, includeLabels, excludeLabels, includeCategories,
				excludeCategories);
	}
}
