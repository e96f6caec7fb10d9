package app.tasklens.labeling;

import java.util.List;

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
}
