package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import app.tasklens.vision.Concepts.Concept;

/** The committed scene and concept mapping, resolved against the label hierarchy. */
class ConceptsTest {

	private static final LabelHierarchy HIERARCHY = LabelHierarchy.fromClasspath();
	private static final Concepts CONCEPTS = Concepts.fromClasspath(HIERARCHY);

	@Test
	void theIssuesConceptsAreAllLabelsWithEvidence() {
		for (String name : List.of("Outdoors", "Indoors", "Nature", "Water", "Sea", "Lake", "Sky", "Forest", "Plant",
				"Tree", "Leaf", "Flower", "Building", "Architecture", "City", "Street", "Room", "Furniture", "Food",
				"Fruit", "Vehicle", "Art", "Text", "Document", "Electronics")) {
			Concept concept = concept(name);
			assertThat(concept.node().categories()).as(name).hasSize(1);
			if (!name.equals("Text")) {
				assertThat(sum(concept.imagenet()) + sum(concept.coco())).as(name + " has evidence").isPositive();
			}
		}
	}

	@Test
	void aConceptInheritsTheEvidenceOfTheConceptsBelowIt() {
		int coralReef = HIERARCHY.imagenetClassesUnder(HIERARCHY.byName("Coral Reef").orElseThrow())[0];

		assertThat(concept("Sea").imagenet()[coralReef]).isEqualTo(1f);
		assertThat(concept("Water").imagenet()[coralReef]).isEqualTo(1f);
		assertThat(HIERARCHY.ancestors(concept("Sea").node())).extracting(LabelHierarchy.LabelNode::name)
			.contains("Water", "Nature", "Outdoors");
	}

	@Test
	void hierarchyLabelsThatAreConceptsCountEveryClassBelowThem() {
		Concept building = concept("Building");
		int church = HIERARCHY.imagenetClassesUnder(HIERARCHY.byName("Church").orElseThrow())[0];
		int castle = HIERARCHY.imagenetClassesUnder(HIERARCHY.byName("Castle").orElseThrow())[0];

		assertThat(building.imagenet()[church]).as("below Building in WordNet").isEqualTo(1f);
		assertThat(building.imagenet()[castle]).as("added by the file").isEqualTo(1f);
		assertThat(concept("Architecture").imagenet()[church]).as("Building is below Architecture").isEqualTo(1f);
	}

	@Test
	void aRowNamingAnUnknownLabelFailsLoudly() {
		List<String[]> rows = List.of(new String[] { "concept", "Outdoors", "", "", "Nature and Outdoors" },
				new String[] { "from", "Outdoors", "1", "Unicorn Meadow", "no such class" });

		assertThatThrownBy(() -> Concepts.of(HIERARCHY, rows)).hasMessageContaining("Unicorn Meadow");
	}

	private static Concept concept(String name) {
		return CONCEPTS.all().stream().filter(c -> c.node().name().equals(name)).findFirst().orElseThrow();
	}

	private static double sum(float[] weights) {
		double sum = 0;
		for (float w : weights) {
			sum += w;
		}
		return sum;
	}
}
