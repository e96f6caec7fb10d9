package app.tasklens.labeling;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a {@link LabelDetector} found in one image: labels ranked by confidence (parents appear as
 * labels of their own), the text in the image, and image properties.
 */
public record LabelDetection(
		List<Label> labels,
		List<TextDetection> textDetections,
		ImageProperties imageProperties,
		String labelModelVersion) {

	public LabelDetection {
		labels = List.copyOf(labels);
		textDetections = List.copyOf(textDetections);
	}

	/** What the task list's label filter matches: every label name and parent, lower-case. */
	public Set<String> searchTerms() {
		Set<String> terms = new LinkedHashSet<>();
		for (Label label : labels) {
			terms.add(searchTerm(label.name()));
			label.parents().forEach(parent -> terms.add(searchTerm(parent)));
		}
		terms.remove("");
		return terms;
	}

	/** The form in which a label is searched: "Animal " and "animal" find the same. */
	public static String searchTerm(String label) {
		return label.strip().toLowerCase(Locale.ROOT);
	}
}
