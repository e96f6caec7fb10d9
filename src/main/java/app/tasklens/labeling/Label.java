package app.tasklens.labeling;

import java.util.List;

/**
 * One label, as Rekognition names it: {@code name} in Title Case ("Golden Retriever"), {@code confidence}
 * 0–100, boxes for detected objects, ancestors nearest first ("Dog", "Canine", "Mammal", "Animal"),
 * aliases and categories ("Animals and Pets").
 */
public record Label(
		String name,
		double confidence,
		List<Instance> instances,
		List<String> parents,
		List<String> aliases,
		List<String> categories) {

	public Label {
		instances = List.copyOf(instances);
		parents = List.copyOf(parents);
		aliases = List.copyOf(aliases);
		categories = List.copyOf(categories);
	}

	/** One occurrence of the object in the image, with its own confidence 0–100. */
	public record Instance(BoundingBox boundingBox, double confidence) {
	}
}
