package app.tasklens.vision;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import app.tasklens.vision.LabelHierarchy.LabelNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed label hierarchy: what a user sees as names, parents and categories. */
class LabelHierarchyTest {

	private static final LabelHierarchy hierarchy = LabelHierarchy.fromClasspath();

	/** WordNet nodes no user searches for; the generator must prune them all. */
	private static final Set<String> ABSTRACT = Set.of("entity", "physical entity", "object", "physical object",
			"whole", "unit", "abstraction", "abstract entity", "artifact", "artefact", "organism", "being",
			"living thing", "animate thing", "causal agent", "matter", "substance", "instrumentality", "chordate",
			"vertebrate", "craniate", "placental", "placental mammal", "eutherian", "device", "container",
			"covering", "commodity", "consumer goods", "equipment", "implement", "structure", "construction",
			"relation", "part", "portion", "natural object");

	private static final Set<String> CATEGORIES = Set.of("Animals and Pets", "Apparel and Accessories",
			"Beauty and Personal Care", "Buildings and Architecture", "Everyday Objects", "Food and Beverage",
			"Furniture and Furnishings", "Health and Medicine", "Home and Indoors", "Kitchen and Dining",
			"Musical Instruments", "Nature and Outdoors", "Person Description", "Plants and Flowers",
			"Sports and Recreation", "Technology and Computing", "Text and Documents", "Tools and Machinery",
			"Toys and Games", "Vehicles and Automotive", "Weapons and Military");

	@Test
	void malamuteClimbsFromDogToAnimalLikeRekognitionParents() {
		LabelNode malamute = hierarchy.imagenet(249);

		assertThat(malamute.name()).isEqualTo("Malamute");
		assertThat(names(hierarchy.ancestors(malamute)))
			.containsExactly("Dog", "Canine", "Pet", "Carnivore", "Mammal", "Animal");
	}

	@Test
	void cocoDogAndImagenetMalamuteMeetAtTheSameDogNode() {
		LabelNode cocoDog = hierarchy.coco(16);
		LabelNode malamute = hierarchy.byName("Malamute").orElseThrow();

		assertThat(cocoDog.name()).isEqualTo("Dog");
		assertThat(hierarchy.ancestors(malamute)).first().isEqualTo(cocoDog);
		assertThat(hierarchy.byName("dog")).contains(cocoDog);
	}

	@Test
	void everyImagenetAndCocoClassHasATitleCaseNodeWithACategory() {
		assertThat(hierarchy.imagenetClasses()).isEqualTo(1000);
		assertThat(hierarchy.cocoClasses()).isEqualTo(80);
		Stream.concat(IntStream.range(0, 1000).mapToObj(hierarchy::imagenet),
				IntStream.range(0, 80).mapToObj(hierarchy::coco))
			.forEach(node -> {
				assertThat(node.name()).as(node.id()).matches("[A-Z0-9i].*");
				assertThat(node.categories()).as(node.name()).hasSize(1);
			});
	}

	@Test
	void cocoClassesKeepTheirEverydayNames() {
		assertThat(names(IntStream.range(0, 80).mapToObj(hierarchy::coco).toList())).startsWith("Person", "Bicycle",
				"Car", "Motorcycle", "Airplane")
			.contains("Fire Hydrant", "Stop Sign", "TV", "Cell Phone", "Hair Dryer", "Potted Plant", "Dining Table",
					"Ball", "Kite")
			.endsWith("Teddy Bear", "Hair Dryer", "Toothbrush");
	}

	@Test
	void namesAreUniqueIgnoringCase() {
		List<LabelNode> all = allNodes();
		Set<String> seen = new HashSet<>();
		all.forEach(node -> assertThat(seen.add(node.name().toLowerCase(Locale.ROOT))).as(node.name()).isTrue());
	}

	@Test
	void lemmasSharedBySeveralClassesAreQualifiedByWordNet() {
		assertThat(hierarchy.byName("Crane (Bird)").map(hierarchy::ancestors).map(LabelHierarchyTest::names)
			.orElseThrow()).contains("Bird", "Animal");
		assertThat(hierarchy.byName("Crane (Lifting Device)")).isPresent();
		assertThat(hierarchy.byName("Kite")).contains(hierarchy.coco(33));
		assertThat(hierarchy.byName("Kite (Bird of Prey)")).contains(hierarchy.imagenet(21));
	}

	@Test
	void noAbstractWordNetNodeShowsUpAsANameOrAlias() {
		for (LabelNode node : allNodes()) {
			assertThat(node.name().toLowerCase(Locale.ROOT)).as(node.id()).isNotIn(ABSTRACT);
			node.aliases().forEach(alias -> assertThat(alias.toLowerCase(Locale.ROOT)).as(node.name()).isNotIn(ABSTRACT));
		}
	}

	@Test
	void categoriesComeFromTheFixedSet() {
		allNodes().forEach(node -> assertThat(CATEGORIES).as(node.name()).containsAll(node.categories()));
		assertThat(category("Sports Car")).isEqualTo("Vehicles and Automotive");
		assertThat(category("Espresso")).isEqualTo("Food and Beverage");
		assertThat(category("Church")).isEqualTo("Buildings and Architecture");
		assertThat(category("Golden Retriever")).isEqualTo("Animals and Pets");
		assertThat(category("Laptop")).isEqualTo("Technology and Computing");
	}

	@Test
	void textFoundByOcrHasItsOwnLabel() {
		LabelNode text = hierarchy.byName("Text").orElseThrow();

		assertThat(text.categories()).containsExactly("Text and Documents");
		assertThat(hierarchy.ancestors(text)).isEmpty();
	}

	@Test
	void parentsAreDirectOnly() {
		for (LabelNode node : allNodes()) {
			List<LabelNode> parents = node.parentIds().stream().map(id -> hierarchy.node(id).orElseThrow()).toList();
			for (LabelNode parent : parents) {
				assertThat(hierarchy.ancestors(parent)).as(node.name() + " lists an ancestor of " + parent.name())
					.doesNotContainAnyElementsOf(parents);
			}
		}
	}

	@Test
	void wordNetMislabelledClassesShowWhatTheirPicturesShow() {
		assertThat(hierarchy.imagenet(968)).isEqualTo(hierarchy.coco(41)); // ImageNet "cup" is a punch in WordNet
		assertThat(hierarchy.imagenet(851)).isEqualTo(hierarchy.coco(62)); // ImageNet "television" is the system
		assertThat(names(hierarchy.ancestors(hierarchy.coco(41)))).contains("Tableware").doesNotContain("Food");
	}

	private static String category(String name) {
		return hierarchy.byName(name).orElseThrow().categories().get(0);
	}

	private static List<LabelNode> allNodes() {
		return Stream.concat(
				Stream.concat(IntStream.range(0, 1000).mapToObj(hierarchy::imagenet),
						IntStream.range(0, 80).mapToObj(hierarchy::coco)),
				Stream.of(hierarchy.byName("Text").orElseThrow()))
			.flatMap(node -> Stream.concat(Stream.of(node), hierarchy.ancestors(node).stream()))
			.distinct()
			.toList();
	}

	private static List<String> names(List<LabelNode> nodes) {
		return nodes.stream().map(LabelNode::name).toList();
	}
}
