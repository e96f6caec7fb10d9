package app.tasklens.labeling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import app.tasklens.search.SearchWords;

/**
 * An image's labels as the user sees, filters and searches them: what the detector found, less what the
 * user removed, plus what the user added. The user has the last word, and keeps it when the image is
 * labeled again, since the edits are kept apart from the detection.
 *
 * <p>Removing a name removes every label of that name and every kind of it ("not a dog" is not a Golden
 * Retriever either), so that neither the label nor its name as a parent finds the image any more; the
 * removed label's own parents stay (what is not a dog may still be an animal). A label the user adds has
 * confidence 100 and no boxes or parents; added again after being removed, a detected label comes back as
 * the detector found it, and counts as the user's.
 */
public final class ImageLabels {

	public static final int MAX_NAME = 100;
	/** Labels of the user's own per image: plenty for any photo, and a bound on what one row holds. */
	public static final int MAX_ADDED = 50;
	static final double USER_CONFIDENCE = 100;

	private static final Pattern SPACES = Pattern.compile("\\s+");

	private final LabelDetection detection;
	private final LabelEdits edits;
	private final List<Label> labels;

	private ImageLabels(LabelDetection detection, LabelEdits edits) {
		this.detection = detection;
		this.edits = edits;
		this.labels = shown(detection, edits);
	}

	/** @param detection what the detector found for the current version; {@code null} when nothing yet */
	public static ImageLabels of(LabelDetection detection, LabelEdits edits) {
		return new ImageLabels(detection, edits == null ? LabelEdits.none() : edits);
	}

	public static ImageLabels detected(LabelDetection detection) {
		return of(detection, LabelEdits.none());
	}

	/** Each attachment's labels from what the detector found and what the user changed, by attachment id. */
	public static Map<String, ImageLabels> byAttachment(Map<String, LabelDetection> detections,
			Map<String, LabelEdits> edits) {
		Map<String, ImageLabels> byAttachment = new LinkedHashMap<>();
		detections.forEach((id, detection) -> byAttachment.put(id, of(detection, edits.get(id))));
		edits.forEach((id, edit) -> byAttachment.putIfAbsent(id, of(null, edit)));
		return byAttachment;
	}

	private static List<Label> shown(LabelDetection detection, LabelEdits edits) {
		Set<String> removed = edits.removed().stream().map(LabelDetection::searchTerm).collect(Collectors.toSet());
		List<Label> shown = new ArrayList<>();
		// The user's own labels are never hidden by a removal: a kind of a removed name added later is the newer word.
		for (LabelEdits.Added added : edits.added()) {
			shown.add(new Label(added.name(), USER_CONFIDENCE, List.of(), added.parents(), added.aliases(), List.of()));
		}
		if (detection != null) {
			for (Label label : detection.labels()) {
				if (removed.contains(LabelDetection.searchTerm(label.name())) || removedByAParent(label.parents(), removed)) {
					continue;
				}
				int same = indexOf(shown, label.name());
				if (same >= 0) {
					// Added by the user and found by the detector: the detector's boxes and parents, the user's word.
					shown.set(same, new Label(label.name(), USER_CONFIDENCE, label.instances(), label.parents(),
							label.aliases(), label.categories()));
				}
				else {
					shown.add(label);
				}
			}
		}
		return List.copyOf(shown);
	}

	private static boolean removedByAParent(List<String> parents, Set<String> removed) {
		return parents.stream().map(LabelDetection::searchTerm).anyMatch(removed::contains);
	}

	private static int indexOf(List<Label> labels, String name) {
		String term = LabelDetection.searchTerm(name);
		for (int i = 0; i < labels.size(); i++) {
			if (LabelDetection.searchTerm(labels.get(i).name()).equals(term)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * A name as the user typed it, made a label's name: inner runs of spaces become one, the ends are trimmed.
	 *
	 * @throws InvalidLabelException when it is empty, longer than {@value #MAX_NAME} characters or holds
	 *         control characters
	 */
	public static String validName(String typed) {
		String name = typed == null ? "" : typed;
		if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
			throw new InvalidLabelException("a label name cannot contain control characters");
		}
		name = SPACES.matcher(name.strip()).replaceAll(" ");
		if (name.isEmpty()) {
			throw new InvalidLabelException("a label needs a name");
		}
		if (name.codePointCount(0, name.length()) > MAX_NAME) {
			throw new InvalidLabelException("a label name must be at most " + MAX_NAME + " characters");
		}
		return name;
	}

	/** These labels with {@code typed} added by the user, a name no vocabulary knows. */
	public ImageLabels adding(String typed) {
		return adding(typed, name -> Optional.empty());
	}

	/**
	 * These labels with {@code typed} added by the user; a name the vocabulary knows gets its spelling,
	 * parents and aliases.
	 *
	 * @throws InvalidLabelException for a name that breaks a rule, or beyond {@value #MAX_ADDED} added labels
	 * @throws DuplicateLabelException when the image shows a label of that name already
	 */
	public ImageLabels adding(String typed, LabelVocabulary vocabulary) {
		String name = validName(typed);
		if (find(name).isPresent()) {
			throw new DuplicateLabelException(find(name).get().name());
		}
		if (edits.added().size() >= MAX_ADDED) {
			throw new InvalidLabelException("an image takes at most " + MAX_ADDED + " labels of your own");
		}
		LabelEdits.Added added = vocabulary.find(name).orElse(new LabelEdits.Added(name, List.of(), List.of()));
		return new ImageLabels(detection, edits.adding(added));
	}

	/**
	 * These labels without {@code name} and the kinds of it.
	 *
	 * @throws LabelNotFoundException when the image shows no label of that name
	 */
	public ImageLabels removing(String name) {
		Label label = find(name == null ? "" : name).orElseThrow(LabelNotFoundException::new);
		return new ImageLabels(detection, edits.removing(label.name()).withoutKindsOf(label.name()));
	}

	/** The label shown under {@code name}, compared as search terms are. */
	public Optional<Label> find(String name) {
		int index = indexOf(labels, name);
		return index < 0 ? Optional.empty() : Optional.of(labels.get(index));
	}

	/** The labels shown: the user's first, in the order added, then the detector's. */
	public List<Label> labels() {
		return labels;
	}

	public boolean addedByUser(String name) {
		return edits.isAdded(name);
	}

	public List<TextDetection> textDetections() {
		return detection == null ? List.of() : detection.textDetections();
	}

	/** What the detector found for the current version; {@code null} when nothing yet. */
	public LabelDetection detection() {
		return detection;
	}

	public LabelEdits edits() {
		return edits;
	}

	/** The labels shown, in the detector's shape, for readers that know nothing of edits. */
	public LabelDetection asDetection() {
		return new LabelDetection(labels, textDetections(), detection == null ? null : detection.imageProperties(),
				detection == null ? null : detection.labelModelVersion());
	}

	/**
	 * What the label filter matches and suggests: each shown label's name and parents as search terms, with
	 * the name as shown (a label's own name before the same word as someone's parent).
	 */
	public Map<String, String> filterTerms() {
		Map<String, String> terms = new LinkedHashMap<>();
		for (Label label : labels) {
			terms.putIfAbsent(LabelDetection.searchTerm(label.name()), label.name());
		}
		for (Label label : labels) {
			label.parents().forEach(parent -> terms.putIfAbsent(LabelDetection.searchTerm(parent), parent));
		}
		terms.remove("");
		return terms;
	}

	/**
	 * The words {@code q} finds this image by: its labels' names, parents and aliases, and the text read in
	 * it (its lines; its words when no lines were told apart).
	 */
	public Set<String> searchWords() {
		List<String> texts = new ArrayList<>();
		for (Label label : labels) {
			texts.add(label.name());
			texts.addAll(label.parents());
			texts.addAll(label.aliases());
		}
		List<TextDetection> text = textDetections();
		boolean lines = text.stream().anyMatch(line -> line.type() == TextDetection.Type.LINE);
		text.stream()
			.filter(line -> !lines || line.type() == TextDetection.Type.LINE)
			.forEach(line -> texts.add(line.detectedText()));
		return SearchWords.of(texts);
	}
}
