package app.tasklens.vision;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The label tree: every class the models know (1000 ImageNet synsets, 80 COCO classes) as a node with a
 * human name, its direct parents, aliases and categories, derived from WordNet 3.0 by
 * {@code tools/hierarchy} and committed as resources under {@code vision/}.
 *
 * <p>Resource formats (UTF-8, tab-separated, {@code #} starts a comment line):
 * <ul>
 * <li>{@code label-hierarchy.tsv}: {@code id, Name, parent ids (space-separated, may be empty),
 * aliases (|-separated), categories (|-separated)}</li>
 * <li>{@code imagenet-classes.tsv}: {@code class index, WordNet id, node id}</li>
 * <li>{@code coco-classes.tsv}: {@code class index, COCO name, node id}</li>
 * <li>{@code concepts.tsv}: the scene and concept labels ({@code concept} rows: name, parent concepts, aliases,
 * category), each a node of its own or, when a node has the name already, extra parents and aliases for it;
 * its evidence rows are {@link Concepts}'.</li>
 * </ul>
 */
public final class LabelHierarchy {

	private final Map<String, LabelNode> nodes;
	private final Map<String, LabelNode> byName;
	private final List<LabelNode> imagenet;
	private final List<LabelNode> coco;
	private final Map<String, Integer> imagenetByWordnetId;
	/** Node id → length of the longest chain of ancestors above it. */
	private final Map<String, Integer> heights;

	LabelHierarchy(Map<String, LabelNode> nodes, List<LabelNode> imagenet, List<LabelNode> coco,
			List<String> imagenetWordnetIds) {
		this.nodes = Map.copyOf(nodes);
		Map<String, LabelNode> names = new HashMap<>();
		nodes.values().forEach(node -> names.putIfAbsent(key(node.name()), node));
		this.byName = Map.copyOf(names);
		this.imagenet = List.copyOf(imagenet);
		this.coco = List.copyOf(coco);
		Map<String, Integer> byWordnetId = new HashMap<>();
		for (int i = 0; i < imagenetWordnetIds.size(); i++) {
			byWordnetId.put(imagenetWordnetIds.get(i), i);
		}
		this.imagenetByWordnetId = Map.copyOf(byWordnetId);
		Map<String, Integer> heights = new HashMap<>();
		nodes.keySet().forEach(id -> height(id, heights, 0));
		this.heights = Map.copyOf(heights);
	}

	public static LabelHierarchy fromClasspath() {
		Map<String, LabelNode> nodes = new HashMap<>();
		for (String[] row : rows("label-hierarchy.tsv")) {
			LabelNode node = new LabelNode(row[0], row[1], split(cell(row, 2), " "), split(cell(row, 3), "\\|"),
					split(cell(row, 4), "\\|"));
			nodes.put(node.id(), node);
		}
		List<String> wordnetIds = rows("imagenet-classes.tsv").stream().map(row -> row[1]).toList();
		List<LabelNode> imagenet = classes("imagenet-classes.tsv", nodes);
		List<LabelNode> coco = classes("coco-classes.tsv", nodes);
		addConcepts(nodes, rows(Concepts.RESOURCE));
		return new LabelHierarchy(nodes, replaced(imagenet, nodes), replaced(coco, nodes), wordnetIds);
	}

	/**
	 * Adds the {@code concept} rows of {@link Concepts#RESOURCE}: a name the hierarchy lacks becomes a node (id
	 * {@code concept:<name>}); a name it has keeps its node, which gains the row's parents and aliases.
	 */
	static void addConcepts(Map<String, LabelNode> nodes, List<String[]> rows) {
		Map<String, String> idByName = new HashMap<>();
		nodes.values().forEach(node -> idByName.putIfAbsent(key(node.name()), node.id()));
		List<String[]> concepts = rows.stream().filter(row -> row[0].equals("concept")).toList();
		for (String[] row : concepts) {
			idByName.putIfAbsent(key(row[1]), "concept:" + key(row[1]).replace(' ', '_'));
		}
		for (String[] row : concepts) {
			String id = idByName.get(key(row[1]));
			List<String> parents = new ArrayList<>();
			for (String parent : split(cell(row, 2), "\\|")) {
				String parentId = idByName.get(key(parent));
				if (parentId == null) {
					throw new IllegalStateException(Concepts.RESOURCE + ": unknown parent " + parent + " of " + row[1]);
				}
				parents.add(parentId);
			}
			LabelNode known = nodes.get(id);
			if (known == null) {
				nodes.put(id, new LabelNode(id, row[1], parents, split(cell(row, 3), "\\|"), split(cell(row, 4), "\\|")));
				continue;
			}
			List<String> allParents = new ArrayList<>(known.parentIds());
			parents.stream().filter(parent -> !allParents.contains(parent)).forEach(allParents::add);
			List<String> aliases = new ArrayList<>(known.aliases());
			split(cell(row, 3), "\\|").stream().filter(alias -> !aliases.contains(alias)).forEach(aliases::add);
			nodes.put(id, new LabelNode(id, known.name(), allParents, aliases, known.categories()));
		}
	}

	/** The class lists again, with the nodes that concept rows changed. */
	private static List<LabelNode> replaced(List<LabelNode> classes, Map<String, LabelNode> nodes) {
		return classes.stream().map(node -> nodes.get(node.id())).toList();
	}

	/**
	 * Indices of the ImageNet classes that {@code node} names or that lie below it: every bird for Bird; the
	 * classifier's evidence for a label is their summed probability.
	 */
	public int[] imagenetClassesUnder(LabelNode node) {
		return imagenetUnder().getOrDefault(node.id(), new int[0]);
	}

	private volatile Map<String, int[]> imagenetUnder;

	private Map<String, int[]> imagenetUnder() {
		Map<String, int[]> under = imagenetUnder;
		if (under == null) {
			Map<String, List<Integer>> lists = new HashMap<>();
			for (int i = 0; i < imagenet.size(); i++) {
				int index = i;
				lists.computeIfAbsent(imagenet.get(i).id(), id -> new ArrayList<>()).add(index);
				ancestors(imagenet.get(i)).forEach(a -> lists.computeIfAbsent(a.id(), id -> new ArrayList<>()).add(index));
			}
			Map<String, int[]> arrays = new HashMap<>();
			lists.forEach((id, list) -> arrays.put(id, list.stream().mapToInt(Integer::intValue).toArray()));
			under = Map.copyOf(arrays);
			imagenetUnder = under;
		}
		return under;
	}

	/** The node of ImageNet-1k class {@code index} (0–999, sorted WordNet-id order). */
	public LabelNode imagenet(int index) {
		return imagenet.get(index);
	}

	/** The node of COCO class {@code index} (0 = person … 79 = toothbrush). */
	public LabelNode coco(int index) {
		return coco.get(index);
	}

	/**
	 * The ImageNet-1k class index (0–999) of a synset such as {@code n02110063}. Not always the class whose
	 * node has that id: four classes share a node under another synset (sunglass → sunglasses).
	 */
	public OptionalInt imagenetClass(String wordnetId) {
		Integer index = imagenetByWordnetId.get(wordnetId);
		return index == null ? OptionalInt.empty() : OptionalInt.of(index);
	}

	public int imagenetClasses() {
		return imagenet.size();
	}

	public int cocoClasses() {
		return coco.size();
	}

	public Optional<LabelNode> node(String id) {
		return Optional.ofNullable(nodes.get(id));
	}

	/** Case-insensitive lookup by display name. */
	public Optional<LabelNode> byName(String name) {
		return Optional.ofNullable(byName.get(key(name)));
	}

	/**
	 * All ancestors, each once (WordNet allows several parents), nearest first: ordered by the longest path from
	 * {@code node}, so every ancestor comes after all of its own descendants; of equally near ones, the one with
	 * the longer chain above it (the more specific) comes first. Malamute: Dog, Canine, Pet, Carnivore, Mammal,
	 * Animal.
	 */
	public List<LabelNode> ancestors(LabelNode node) {
		Map<String, Integer> distance = new LinkedHashMap<>();
		Deque<Map.Entry<String, Integer>> pending = new ArrayDeque<>();
		node.parentIds().forEach(id -> pending.push(Map.entry(id, 1)));
		while (!pending.isEmpty()) {
			Map.Entry<String, Integer> next = pending.pop();
			String id = next.getKey();
			if (nodes.containsKey(id) && !id.equals(node.id()) && next.getValue() <= nodes.size()
					&& distance.getOrDefault(id, 0) < next.getValue()) {
				distance.put(id, next.getValue());
				nodes.get(id).parentIds().forEach(parent -> pending.push(Map.entry(parent, next.getValue() + 1)));
			}
		}
		return distance.keySet().stream()
			.sorted(Comparator.<String>comparingInt(distance::get)
				.thenComparing(Comparator.<String>comparingInt(heights::get).reversed()))
			.map(nodes::get)
			.toList();
	}

	private int height(String id, Map<String, Integer> heights, int depth) {
		Integer known = heights.get(id);
		if (known != null) {
			return known;
		}
		if (depth > nodes.size()) {
			throw new IllegalStateException("label hierarchy has a cycle through " + id);
		}
		int height = nodes.get(id).parentIds().stream()
			.filter(nodes::containsKey)
			.mapToInt(parent -> height(parent, heights, depth + 1) + 1)
			.max()
			.orElse(0);
		heights.put(id, height);
		return height;
	}

	/** A label known to the models, named in Title Case. */
	public record LabelNode(String id, String name, List<String> parentIds, List<String> aliases,
			List<String> categories) {
		public LabelNode {
			parentIds = List.copyOf(parentIds);
			aliases = List.copyOf(aliases);
			categories = List.copyOf(categories);
		}
	}

	private static List<LabelNode> classes(String resource, Map<String, LabelNode> nodes) {
		List<LabelNode> classes = new ArrayList<>();
		for (String[] row : rows(resource)) {
			int index = Integer.parseInt(row[0]);
			LabelNode node = nodes.get(row[2]);
			if (index != classes.size() || node == null) {
				throw new IllegalStateException(resource + ": bad row for class " + row[0]);
			}
			classes.add(node);
		}
		return classes;
	}

	static List<String[]> rows(String resource) {
		try (InputStream in = LabelHierarchy.class.getResourceAsStream("/vision/" + resource)) {
			if (in == null) {
				throw new IllegalStateException("missing resource vision/" + resource);
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			return reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
				.map(line -> line.split("\t", -1)).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String cell(String[] row, int index) {
		return index < row.length ? row[index] : "";
	}

	private static List<String> split(String value, String separator) {
		return value.isBlank() ? Collections.emptyList() : Arrays.asList(value.trim().split(separator));
	}

	private static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}
}
