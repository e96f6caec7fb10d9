package app.tasklens.labeling;

import java.util.ArrayList;
import java.util.List;

/**
 * What the user changed of an image's labels, kept apart from what the detector found so that labeling the
 * image again keeps it (as PhotoPrism keeps manual labels): names the user added, in the order added, and
 * names the user removed. A name is compared by its {@linkplain LabelDetection#searchTerm search term}, so
 * "dog" and "Dog " are one label; each name is in at most one of the lists.
 */
public record LabelEdits(List<String> added, List<String> removed) {

	public LabelEdits {
		added = List.copyOf(added);
		removed = List.copyOf(removed);
	}

	public static LabelEdits none() {
		return new LabelEdits(List.of(), List.of());
	}

	public boolean isEmpty() {
		return added.isEmpty() && removed.isEmpty();
	}

	public boolean isAdded(String name) {
		return contains(added, name);
	}

	public boolean isRemoved(String name) {
		return contains(removed, name);
	}

	/** {@code name} added, and no longer removed. */
	LabelEdits adding(String name) {
		List<String> nowAdded = without(added, name);
		nowAdded.add(name);
		return new LabelEdits(nowAdded, without(removed, name));
	}

	/** {@code name} removed, and no longer added. */
	LabelEdits removing(String name) {
		List<String> nowRemoved = without(removed, name);
		nowRemoved.add(name);
		return new LabelEdits(without(added, name), nowRemoved);
	}

	private static boolean contains(List<String> names, String name) {
		String term = LabelDetection.searchTerm(name);
		return names.stream().anyMatch(other -> LabelDetection.searchTerm(other).equals(term));
	}

	private static List<String> without(List<String> names, String name) {
		String term = LabelDetection.searchTerm(name);
		List<String> kept = new ArrayList<>(names);
		kept.removeIf(other -> LabelDetection.searchTerm(other).equals(term));
		return kept;
	}
}
