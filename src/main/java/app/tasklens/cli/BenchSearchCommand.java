package app.tasklens.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import app.tasklens.TasklensApplication;
import app.tasklens.account.AccountService;
import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.Attachments;
import app.tasklens.attachment.ImageHeader;
import app.tasklens.attachment.ImageType;
import app.tasklens.labeling.AttachmentLabels;
import app.tasklens.labeling.Label;
import app.tasklens.labeling.LabelDetection;
import app.tasklens.labeling.TextDetection;
import app.tasklens.task.Task;
import app.tasklens.task.TaskService;

/**
 * {@code ./tasklens bench-search}: one user with {@code --tasks} tasks and {@code --images} labeled images
 * spread over them, then {@code GET /api/tasks?q=…} for words of every kind (a label, its plural, a parent,
 * an alias, text read in an image, two words, a word being typed, a word nothing has) beside the list without
 * a query, the label filter and the suggestions, in interleaved rounds; prints medians over the rounds.
 *
 * <p>The data is made through the domain's transitions in this process before the server starts, on its data
 * folder: labeling 3,000 photos for real would take minutes and measure the labeler, not the search. The
 * labels are the labeler's own vocabulary (its label hierarchy: names, parents, aliases) with about ten labels
 * per image and a line of text on every fifth, so the index holds what real images give it.
 */
final class BenchSearchCommand {

	private static final String PASSWORD = "bench-password-1";
	private static final double P50_FLOOR_MS = 20;

	private BenchSearchCommand() {
	}

	private record Node(String name, List<String> parents, List<String> aliases) {
	}

	static int run(String[] args) {
		Options options = Options.parse(args);
		if (options == null) {
			System.err.println("usage: ./tasklens bench-search [--tasks N] [--images N] [--connections N] [--seconds S]"
					+ " [--rounds R]");
			return 2;
		}
		try {
			Path dir = Files.createDirectories(Path.of("target", "bench-search", Long.toString(System.currentTimeMillis())));
			Path data = dir.resolve("data");
			long seedStart = System.nanoTime();
			String username = seed(data, options);
			double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
			try (ServerProcess server = ServerProcess.start(data, Map.of("TASKLENS_VISION_FETCHMISSING", "false"),
					dir.resolve("server.log"))) {
				return measure(server, username, options, seedSeconds);
			}
		}
		catch (Exception ex) {
			System.err.println("bench-search: " + ex);
			return 1;
		}
	}

	/** Makes the user, tasks and labeled images in {@code data} with the application's own services. */
	private static String seed(Path data, Options options) throws IOException {
		Map<String, Node> nodes = hierarchy();
		List<Node> leaves = nodes.values().stream().filter(node -> !node.parents().isEmpty()).toList();
		String username = "bench-" + Long.toString(System.nanoTime(), 36);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TasklensApplication.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			// Arguments, not default properties: they must win over the environment and application.properties.
			.run("--tasklens.data-dir=" + data, "--tasklens.vision.models-dir=" + data.resolve("no-models"),
					"--tasklens.vision.fetch-missing=false", "--logging.level.root=WARN")) {
			String owner = context.getBean(AccountService.class).signUp(username, PASSWORD).id();
			TaskService tasks = context.getBean(TaskService.class);
			Attachments attachments = context.getBean(Attachments.class);
			AttachmentLabels labels = context.getBean(AttachmentLabels.class);
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			Random random = new Random(42);
			List<Task> made = new ArrayList<>();
			for (int i = 0; i < options.tasks; i++) {
				Node topic = leaves.get(random.nextInt(leaves.size()));
				made.add(tasks.create(owner, "Task " + i + ": " + topic.name(), "Notes for task " + i
						+ " about the " + topic.name().toLowerCase() + " and what to bring", null));
			}
			for (int i = 0; i < options.images; i++) {
				Task task = made.get(i % made.size());
				LabelDetection detection = detection(random, leaves, nodes, i % 5 == 0);
				transactions.executeWithoutResult(status -> {
					Instant now = Instant.now();
					Attachment attachment = Attachment.create(owner, task.id(), "photo-" + task.id().substring(0, 4) + ".jpg",
							ImageType.JPEG, 1000L, now, Duration.ofMinutes(15));
					attachments.add(attachment);
					attachment = attachments.findById(attachment.id()).orElseThrow();
					attachment.objectCreated(new ImageHeader(ImageType.JPEG, 640, 480, 1), 1000, 1 << 20, now);
					attachment.startLabeling(now);
					attachment.labeled(now);
					attachments.update(attachment);
					labels.replace(attachment, detection, now);
				});
			}
		}
		return username;
	}

	/** About ten labels: a few objects with all their ancestors as labels of their own, as the labeler names them. */
	private static LabelDetection detection(Random random, List<Node> leaves, Map<String, Node> nodes, boolean text) {
		Map<String, Label> labels = new LinkedHashMap<>();
		int objects = 2 + random.nextInt(3);
		for (int i = 0; i < objects && labels.size() < 12; i++) {
			Node leaf = leaves.get(random.nextInt(leaves.size()));
			double confidence = 60 + random.nextInt(40);
			labels.putIfAbsent(leaf.name(), new Label(leaf.name(), confidence, List.of(), leaf.parents(), leaf.aliases(),
					List.of()));
			for (int p = 0; p < leaf.parents().size(); p++) {
				Node parent = nodes.get(leaf.parents().get(p));
				if (parent != null) {
					labels.putIfAbsent(parent.name(), new Label(parent.name(), confidence, List.of(),
							leaf.parents().subList(p + 1, leaf.parents().size()), parent.aliases(), List.of()));
				}
			}
		}
		List<TextDetection> lines = text ? List.of(new TextDetection("INVOICE 2026 TOTAL DUE", TextDetection.Type.LINE, 0,
				null, 95, null)) : List.of();
		return new LabelDetection(List.copyOf(labels.values()), lines, null, "bench-search");
	}

	/** The labeler's label hierarchy, by name: each node's ancestors by name, nearest first, and its aliases. */
	private static Map<String, Node> hierarchy() throws IOException {
		Map<String, String[]> rows = new LinkedHashMap<>();
		try (InputStream in = BenchSearchCommand.class.getResourceAsStream("/vision/label-hierarchy.tsv");
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!line.startsWith("#")) {
					String[] fields = line.split("\t", -1);
					rows.put(fields[0], fields);
				}
			}
		}
		Map<String, Node> byName = new LinkedHashMap<>();
		for (String[] row : rows.values()) {
			Set<String> ancestors = new LinkedHashSet<>();
			String[] current = row;
			while (current != null && !current[2].isBlank() && ancestors.size() < 8) {
				current = rows.get(current[2].split(" ")[0]);
				if (current != null) {
					ancestors.add(current[1]);
				}
			}
			List<String> aliases = row[3].isBlank() ? List.of() : List.of(row[3].split("\\|"));
			byName.putIfAbsent(row[1], new Node(row[1], List.copyOf(ancestors), aliases));
		}
		return byName;
	}

	private static int measure(ServerProcess server, String username, Options options, double seedSeconds)
			throws Exception {
		URI base = server.base();
		String token = BenchClient.JSON.readTree(BenchClient.send(base, "POST", "/api/token", null,
				"{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}")).get("token").asString();
		Map<String, String> scenarios = new LinkedHashMap<>();
		scenarios.put("list, no q", "/api/tasks");
		scenarios.put("q=dog (label)", tasks("dog"));
		scenarios.put("q=dogs (plural)", tasks("dogs"));
		scenarios.put("q=mammal (parent)", tasks("mammal"));
		scenarios.put("q=creature (alias)", tasks("creature"));
		scenarios.put("q=invoice (text read)", tasks("invoice"));
		scenarios.put("q=golden retriever", tasks("golden retriever"));
		scenarios.put("q=retr (typing)", tasks("retr"));
		scenarios.put("q=task 7 (title)", tasks("task 7"));
		scenarios.put("q=zzzzqx (nothing)", tasks("zzzzqx"));
		scenarios.put("label=animal", "/api/tasks?label=animal");
		scenarios.put("suggest do", "/api/labels?prefix=do");
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (Map.Entry<String, String> scenario : scenarios.entrySet()) {
			counts.put(scenario.getKey(), BenchClient.JSON.readTree(BenchClient.send(base, "GET", scenario.getValue(), token,
					"")).get("items").size());
		}
		Map<String, List<HttpLoad.Result>> results = new LinkedHashMap<>();
		scenarios.keySet().forEach(name -> results.put(name, new ArrayList<>()));
		for (int round = 0; round < options.rounds; round++) {
			for (Map.Entry<String, String> scenario : scenarios.entrySet()) {
				results.get(scenario.getKey()).add(HttpLoad.run(base,
						new HttpLoad.Request("GET", scenario.getValue(), token, null), options.connections,
						round == 0 ? 2 : 0.5, options.seconds));
			}
		}
		System.out.printf("Tasklens search benchmark: %d tasks, %d images of one user (made in %.1f s), %d connection(s),"
				+ " %d rounds × %.0f s per scenario, loopback, %d cores%n", options.tasks, options.images, seedSeconds,
				options.connections, options.rounds, options.seconds, Runtime.getRuntime().availableProcessors());
		System.out.printf("%-24s %6s %9s %8s %8s %8s %9s%n", "scenario (medians)", "found", "req/s", "p50 ms", "p90 ms",
				"p99 ms", "failures");
		double worstQueryP50 = 0;
		for (Map.Entry<String, List<HttpLoad.Result>> entry : results.entrySet()) {
			List<HttpLoad.Result> rounds = entry.getValue();
			double p50 = median(rounds, HttpLoad.Result::p50);
			if (entry.getKey().startsWith("q=")) {
				worstQueryP50 = Math.max(worstQueryP50, p50);
			}
			System.out.printf("%-24s %6d %9.0f %8.2f %8.2f %8.2f %9d%n", entry.getKey(), counts.get(entry.getKey()),
					median(rounds, HttpLoad.Result::requestsPerSecond), p50, median(rounds, HttpLoad.Result::p90),
					median(rounds, HttpLoad.Result::p99), rounds.stream().mapToLong(HttpLoad.Result::failures).sum());
		}
		boolean met = worstQueryP50 <= P50_FLOOR_MS;
		System.out.printf("slowest q= p50 %.2f ms (floor ≤ %.0f ms): %s%n", worstQueryP50, P50_FLOOR_MS,
				met ? "met" : "MISSED");
		return met ? 0 : 1;
	}

	private static String tasks(String q) {
		return "/api/tasks?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
	}

	private static double median(List<HttpLoad.Result> results, ToDoubleFunction<HttpLoad.Result> figure) {
		double[] values = results.stream().mapToDouble(figure).sorted().toArray();
		return values[values.length / 2];
	}

	private record Options(int tasks, int images, int connections, double seconds, int rounds) {

		static Options parse(String[] args) {
			int tasks = 1000;
			int images = 3000;
			int connections = 1;
			double seconds = 3;
			int rounds = 3;
			for (int i = 0; i < args.length; i++) {
				if (i + 1 >= args.length) {
					return null;
				}
				switch (args[i]) {
					case "--tasks" -> tasks = Integer.parseInt(args[++i]);
					case "--images" -> images = Integer.parseInt(args[++i]);
					case "--connections" -> connections = Integer.parseInt(args[++i]);
					case "--seconds" -> seconds = Double.parseDouble(args[++i]);
					case "--rounds" -> rounds = Integer.parseInt(args[++i]);
					default -> {
						return null;
					}
				}
			}
			return tasks < 1 || images < 0 ? null : new Options(tasks, images, connections, seconds, rounds);
		}
	}
}
