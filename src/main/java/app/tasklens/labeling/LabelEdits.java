package app.tasklens.labeling;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the user changed of an image's labels, kept apart from what the detector found so that labeling the
 * image again keeps it (as PhotoPrism keeps manual labels): labels the user added, in the order added, and
 * names the user removed. A name is compared by its {@linkplain LabelDetection#searchTerm search term}, so
 * "dog" and "Dog " are one label; each name is in at most one of the lists.
 */
public record LabelEdits(List<Added> added, List<String> removed) {

	/**
	 * A label the user added; {@code parents} and {@code aliases} are the vocabulary's when it knows the name
	 * ("Dog": Canine, …, Animal), so that a label added by hand is found as a detected one would be.
	 */
	public record Added(String name, List<String> parents, List<String> aliases) {

		public Added {
			parents = List.copyOf(parents);
			aliases = List.copyOf(aliases);
		}
	}

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
		String term = LabelDetection.searchTerm(name);
		return added.stream().anyMatch(label -> LabelDetection.searchTerm(label.name()).equals(term));
	}

	/** {@code label} added, and its name no longer removed. */
	LabelEdits adding(Added label) {
		List<Added> nowAdded = without(added, label.name(), Added::name);
		nowAdded.add(label);
		return new LabelEdits(nowAdded, without(removed, label.name(), Function.identity()));
	}

	/** {@code name} removed, and no longer added. */
	LabelEdits removing(String name) {
		List<String> nowRemoved = without(removed, name, Function.identity());
		nowRemoved.add(name);
		return new LabelEdits(without(added, name, Added::name), nowRemoved);
	}

	/** Without the added labels that are a kind of {@code name} (have it among their parents). */
	LabelEdits withoutKindsOf(String name) {
		String term = LabelDetection.searchTerm(name);
		List<Added> kept = new ArrayList<>(added);
		kept.removeIf(label -> label.parents().stream().map(LabelDetection::searchTerm).anyMatch(term::equals));
		return new LabelEdits(kept, removed);
	}

	private static <T> List<T> without(List<T> items, String name, Function<T, String> nameOf) {
		String term = LabelDetection.searchTerm(name);
		List<T> kept = new ArrayList<>(items);
		kept.removeIf(item -> LabelDetection.searchTerm(nameOf.apply(item)).equals(term));
		return kept;
	}
}
