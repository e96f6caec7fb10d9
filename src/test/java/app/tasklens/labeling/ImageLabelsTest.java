package app.tasklens.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ImageLabelsTest {

	private static final BoundingBox BOX = new BoundingBox(0.1, 0.1, 0.5, 0.5);

	static LabelDetection dogInAPark() {
		return new LabelDetection(List.of(
				new Label("Dog", 96, List.of(new Label.Instance(BOX, 95)), List.of("Canine", "Mammal", "Animal"),
						List.of("Pet"), List.of()),
				new Label("Golden Retriever", 81, List.of(), List.of("Dog", "Canine", "Mammal", "Animal"), List.of(),
						List.of()),
				new Label("Animal", 96, List.of(), List.of(), List.of(), List.of()),
				new Label("Soccer Ball", 70, List.of(), List.of("Ball"), List.of(), List.of())),
				List.of(new TextDetection("BEWARE OF DOGS", TextDetection.Type.LINE, 0, null, 90, null),
						new TextDetection("BEWARE", TextDetection.Type.WORD, 1, 0, 90, null)),
				null, "onbox-1");
	}

	private static List<String> names(ImageLabels labels) {
		return labels.labels().stream().map(Label::name).toList();
	}

	@Test
	void removingALabelRemovesTheKindsOfItButKeepsItsParents() {
		ImageLabels labels = ImageLabels.detected(dogInAPark()).removing("dog");

		assertThat(names(labels)).containsExactly("Animal", "Soccer Ball");
		assertThat(labels.edits().removed()).containsExactly("Dog");
		assertThat(labels.filterTerms()).containsOnlyKeys("animal", "soccer ball", "ball");
		assertThat(labels.searchWords()).doesNotContain("retriever", "canine").contains("animal", "soccer", "ball");
	}

	@Test
	void anAddedLabelIsTheUsersAtFullConfidenceAndFindsTheImage() {
		ImageLabels labels = ImageLabels.detected(dogInAPark()).adding("  Grandma's   garden ");

		Label added = labels.find("grandma's garden").orElseThrow();
		assertThat(added.name()).isEqualTo("Grandma's garden");
		assertThat(added.confidence()).isEqualTo(100);
		assertThat(labels.addedByUser("GRANDMA'S GARDEN")).isTrue();
		assertThat(labels.addedByUser("Dog")).isFalse();
		assertThat(names(labels)).startsWith("Grandma's garden").contains("Dog");
		assertThat(labels.filterTerms()).containsEntry("grandma's garden", "Grandma's garden");
		assertThat(labels.searchWords()).contains("grandma", "garden");
	}

	@Test
	void theEditsApplyToANewDetectionToo() {
		LabelEdits edits = ImageLabels.detected(dogInAPark()).removing("Soccer Ball").adding("Frisbee").edits();

		ImageLabels relabeled = ImageLabels.of(dogInAPark(), edits);

		assertThat(names(relabeled)).containsExactly("Frisbee", "Dog", "Golden Retriever", "Animal");
	}

	@Test
	void aRemovedLabelAddedAgainComesBackAsDetectedAndCountsAsTheUsers() {
		ImageLabels labels = ImageLabels.detected(dogInAPark()).removing("Dog").adding("dog");

		Label dog = labels.find("Dog").orElseThrow();
		assertThat(dog.name()).isEqualTo("Dog");
		assertThat(dog.instances()).hasSize(1);
		assertThat(dog.parents()).containsExactly("Canine", "Mammal", "Animal");
		assertThat(labels.addedByUser("Dog")).isTrue();
		assertThat(labels.edits().removed()).isEmpty();
		assertThat(names(labels)).containsOnlyOnce("Dog").contains("Golden Retriever");
	}

	@Test
	void aNameTheVocabularyKnowsGetsItsSpellingParentsAndAliasesAndGoesWithThem() {
		LabelVocabulary vocabulary = name -> name.equalsIgnoreCase("beagle")
				? Optional.of(new LabelEdits.Added("Beagle", List.of("Dog", "Canine", "Animal"), List.of("Hound")))
				: Optional.empty();

		ImageLabels labels = ImageLabels.detected(dogInAPark()).adding("beagle", vocabulary).adding("Rex", vocabulary);

		Label beagle = labels.find("Beagle").orElseThrow();
		assertThat(beagle.name()).isEqualTo("Beagle");
		assertThat(beagle.parents()).containsExactly("Dog", "Canine", "Animal");
		assertThat(labels.filterTerms()).containsKeys("beagle", "dog", "animal", "rex");
		assertThat(labels.searchWords()).contains("hound", "canine");
		assertThat(labels.find("Rex").orElseThrow().parents()).isEmpty();
		assertThat(names(labels.removing("Dog"))).as("a kind of a removed name goes")
			.containsExactly("Rex", "Animal", "Soccer Ball");
	}

	@Test
	void aKindOfARemovedNameAddedLaterIsShown() {
		LabelVocabulary vocabulary = name -> Optional.of(new LabelEdits.Added("Malamute", List.of("Dog", "Animal"),
				List.of()));

		ImageLabels labels = ImageLabels.detected(dogInAPark()).removing("Dog").adding("malamute", vocabulary);

		assertThat(names(labels)).containsExactly("Malamute", "Animal", "Soccer Ball");
		assertThat(labels.edits().removed()).containsExactly("Dog");
	}

	@Test
	void removingAnAddedLabelForgetsIt() {
		ImageLabels labels = ImageLabels.detected(dogInAPark()).adding("Frisbee").removing("frisbee");

		assertThat(labels.find("Frisbee")).isEmpty();
		assertThat(labels.edits().added()).isEmpty();
	}

	@Test
	void aNameMustBeSomethingShortAndPrintable() {
		ImageLabels labels = ImageLabels.detected(dogInAPark());

		assertThatThrownBy(() -> labels.adding("   ")).isInstanceOf(InvalidLabelException.class)
			.hasMessage("a label needs a name");
		assertThatThrownBy(() -> labels.adding(null)).isInstanceOf(InvalidLabelException.class);
		assertThatThrownBy(() -> labels.adding("x".repeat(ImageLabels.MAX_NAME + 1)))
			.isInstanceOf(InvalidLabelException.class).hasMessageContaining("at most 100");
		assertThatThrownBy(() -> labels.adding("bad\nname")).isInstanceOf(InvalidLabelException.class)
			.hasMessageContaining("control characters");
		assertThatThrownBy(() -> labels.adding("right\u202Eleft")).isInstanceOf(InvalidLabelException.class);
		assertThat(labels.adding("x".repeat(ImageLabels.MAX_NAME)).labels()).hasSize(5);
	}

	@Test
	void aLabelTheImageShowsAlreadyIsADuplicate() {
		ImageLabels labels = ImageLabels.detected(dogInAPark()).adding("Frisbee");

		assertThatThrownBy(() -> labels.adding("golden retriever")).isInstanceOf(DuplicateLabelException.class)
			.hasMessageContaining("Golden Retriever");
		assertThatThrownBy(() -> labels.adding("FRISBEE")).isInstanceOf(DuplicateLabelException.class);
	}

	@Test
	void onlyALabelTheImageShowsCanBeRemoved() {
		ImageLabels labels = ImageLabels.detected(dogInAPark()).removing("Dog");

		assertThatThrownBy(() -> labels.removing("Golden Retriever")).isInstanceOf(LabelNotFoundException.class);
		assertThatThrownBy(() -> labels.removing("Cat")).isInstanceOf(LabelNotFoundException.class);
	}

	@Test
	void anImageTakesABoundedNumberOfItsUsersLabels() {
		ImageLabels labels = ImageLabels.of(null, LabelEdits.none());
		for (int i = 0; i < ImageLabels.MAX_ADDED; i++) {
			labels = labels.adding("label " + i);
		}
		ImageLabels full = labels;

		assertThatThrownBy(() -> full.adding("one more")).isInstanceOf(InvalidLabelException.class)
			.hasMessageContaining("at most 50");
	}

	@Test
	void searchWordsHoldNamesParentsAliasesAndTheLinesReadInTheImage() {
		assertThat(ImageLabels.detected(dogInAPark()).searchWords()).contains("dog", "golden", "retriever", "canine",
				"mammal", "animal", "pet", "soccer", "ball", "beware");
	}

	@Test
	void readersThatKnowNothingOfEditsGetTheLabelsShown() {
		ImageLabels labels = ImageLabels.detected(dogInAPark()).removing("Soccer Ball");

		assertThat(labels.asDetection().labels()).extracting(Label::name).doesNotContain("Soccer Ball");
		assertThat(labels.asDetection().textDetections()).hasSize(2);
		assertThat(labels.asDetection().labelModelVersion()).isEqualTo("onbox-1");
	}
}
