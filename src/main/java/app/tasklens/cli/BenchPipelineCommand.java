package app.tasklens.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import app.tasklens.labeling.DetectOptions;

/**
 * {@code ./tasklens bench-pipeline}: the whole upload → object created → labels path of running servers,
 * as a user of the API sees it.
 * <ol>
 * <li>latency: photos uploaded one at a time; from the end of the {@code PUT} to the {@code labels} event
 * on {@code GET /api/events}; p50 and p95, overall and for photos in which no text was found;</li>
 * <li>burst: 200 uploads as fast as four clients can send them; labeled images per second from the first
 * {@code PUT} to the last {@code labels} event (and from the first to the last event, sustained), next to
 * {@code ./tasklens label} on the same images in this process (with the servers idle), and their ratio; once
 * on the freshly started server and once more when it is warm;</li>
 * <li>the servers' peak resident memory.</li>
 * </ol>
 * With {@code --postgres URL} the same runs on a server on PostgreSQL beside the one on SQLite, and with
 * {@code --nodes N} also on PostgreSQL with the images in the S3 bucket of {@code TASKLENS_OBJECTS_S3_*}, on one
 * node and on N nodes sharing that database and bucket (uploads alternate between the nodes, the events are
 * followed on the first, so that labels a worker on another node saved reach it through the database). Each
 * setup gets a database of its own, created on that server for the run and dropped after it. The setups are
 * interleaved: every sequential upload goes to each setup in turn, and each burst runs on one setup after the
 * other, so that the machine's moods fall on all of them alike.
 */
final class BenchPipelineCommand {

	static final String USAGE = "usage: ./tasklens bench-pipeline [--uploads N] [--burst N] [--images DIR]"
			+ " [--postgres JDBC_URL [--nodes N]]";

	private BenchPipelineCommand() {
	}

	record Options(int uploads, int burst, Path images, String postgres, int nodes) {

		/** The options, or {@code null} with the reason on standard error. */
		static Options parse(String[] args, Map<String, String> environment) {
			int uploads = 40;
			int burst = 200;
			Path images = Path.of("../shared/eval/coco/images");
			String postgres = null;
			int nodes = 1;
			try {
				for (int i = 0; i < args.length; i++) {
					if (i + 1 >= args.length) {
						throw new IllegalArgumentException(args[i] + " needs a value");
					}
					switch (args[i]) {
						case "--uploads" -> uploads = Integer.parseInt(args[++i]);
						case "--burst" -> burst = Integer.parseInt(args[++i]);
						case "--images" -> images = Path.of(args[++i]);
						case "--postgres" -> postgres = args[++i];
						case "--nodes" -> nodes = Integer.parseInt(args[++i]);
						default -> throw new IllegalArgumentException("unknown option " + args[i]);
					}
				}
				if (uploads < 1 || burst < 1 || nodes < 1 || nodes > 8) {
					throw new IllegalArgumentException("--uploads and --burst must be at least 1, --nodes 1 to 8");
				}
				if (postgres != null && !postgres.startsWith("jdbc:postgresql://")) {
					throw new IllegalArgumentException("--postgres takes a jdbc:postgresql://host:port/database URL");
				}
				if (nodes > 1 && postgres == null) {
					throw new IllegalArgumentException("--nodes needs --postgres: nodes share one database");
				}
				if (nodes > 1 && environment.getOrDefault("TASKLENS_OBJECTS_S3_BUCKET", "").isBlank()) {
					throw new IllegalArgumentException(
							"--nodes needs TASKLENS_OBJECTS_S3_BUCKET (and _ENDPOINT…): nodes share one bucket");
				}
			}
			catch (IllegalArgumentException ex) {
				System.err.println("bench-pipeline: " + ex.getMessage());
				return null;
			}
			return new Options(uploads, burst, images, postgres, nodes);
		}
	}

	static int run(String[] args) {
		Options options = Options.parse(args, System.getenv());
		if (options == null) {
			System.err.println(USAGE);
			return 2;
		}
		List<Setup> setups = new ArrayList<>();
		PostgresDatabases databases = null;
		try {
			List<Path> photos = photos(options.images);
			Path dir = Files.createDirectories(Path.of("target", "bench-pipeline", Long.toString(System.currentTimeMillis())));
			String models = CliSettings.vision().modelsDir().toAbsolutePath().toString();
			// The SQLite server inherits neither a database URL nor a bucket from this environment.
			setups.add(Setup.start("SQLite", 1, dir, Map.of("TASKLENS_MODELS_DIR", models, "TASKLENS_DATABASE_URL", "",
					"TASKLENS_OBJECTS_S3_BUCKET", "")));
			if (options.postgres != null) {
				databases = new PostgresDatabases(options.postgres, System.getenv("TASKLENS_DATABASE_USERNAME"),
						System.getenv("TASKLENS_DATABASE_PASSWORD"));
				setups.add(Setup.start("PostgreSQL", 1, dir, Map.of("TASKLENS_MODELS_DIR", models,
						"TASKLENS_DATABASE_URL", databases.create(), "TASKLENS_OBJECTS_S3_BUCKET", "")));
			}
			if (options.nodes > 1) {
				setups.add(Setup.start("PostgreSQL + S3", 1, dir, Map.of("TASKLENS_MODELS_DIR", models,
						"TASKLENS_DATABASE_URL", databases.create())));
				setups.add(Setup.start("PostgreSQL + S3, " + options.nodes + " nodes", options.nodes, dir,
						Map.of("TASKLENS_MODELS_DIR", models, "TASKLENS_DATABASE_URL", databases.create())));
			}
			return measure(setups, photos, options);
		}
		catch (Exception ex) {
			System.err.println("bench-pipeline: " + ex);
			return 1;
		}
		finally {
			for (Setup setup : setups) {
				setup.close();
			}
			if (databases != null) {
				databases.dropAll();
			}
		}
	}

	/** One way of running Tasklens: its nodes, one user and task, that user's event stream on the first node. */
	private static final class Setup implements AutoCloseable {

		final String name;
		final List<ServerProcess> nodes;
		EventWatcher events;
		String token;
		String taskId;
		final List<Double> all = new ArrayList<>();
		final List<Double> withoutText = new ArrayList<>();
		final List<Burst> bursts = new ArrayList<>();
		private int uploads;

		private Setup(String name, List<ServerProcess> nodes) {
			this.name = name;
			this.nodes = nodes;
		}

		static Setup start(String name, int count, Path dir, Map<String, String> environment) throws Exception {
			List<ServerProcess> nodes = new ArrayList<>();
			Setup setup = new Setup(name, nodes);
			try {
				String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
				for (int i = 1; i <= count; i++) {
					nodes.add(ServerProcess.start(dir.resolve(slug + "-node-" + i), environment,
							dir.resolve(slug + "-node-" + i + ".log")));
				}
				URI base = setup.base(0);
				setup.token = BenchClient.signUp(base);
				setup.taskId = BenchClient.JSON
					.readTree(BenchClient.send(base, "POST", "/api/tasks", setup.token, "{\"title\":\"Benchmark photos\"}"))
					.get("id").asString();
				setup.events = EventWatcher.open(base, setup.token);
				return setup;
			}
			catch (Exception ex) {
				setup.close();
				throw ex;
			}
		}

		URI base(int node) {
			return nodes.get(node).base();
		}

		/** The node the next upload goes through: one after the other. */
		URI nextBase() {
			return base(uploads++ % nodes.size());
		}

		double cpuSeconds() {
			return nodes.stream().mapToDouble(ServerProcess::cpuSeconds).sum();
		}

		@Override
		public void close() {
			if (events != null) {
				events.close();
			}
			for (ServerProcess node : nodes) {
				try {
					node.close();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}

	private static int measure(List<Setup> setups, List<Path> photos, Options options) throws Exception {
		// Warm-up: the first images pay for model loading and JIT; they are not counted.
		for (Setup setup : setups) {
			for (int i = 0; i < 3 * setup.nodes.size(); i++) {
				Upload upload = upload(setup.nextBase(), setup.token, setup.taskId, photos.get(i % photos.size()));
				setup.events.await(upload.attachmentId, 120);
			}
		}
		for (int i = 0; i < options.uploads; i++) {
			for (Setup setup : setups) {
				Upload upload = upload(setup.nextBase(), setup.token, setup.taskId, photos.get(i % photos.size()));
				EventWatcher.Labeled labeled = setup.events.await(upload.attachmentId, 120);
				double ms = (labeled.nanos() - upload.putDoneNanos) / 1e6;
				setup.all.add(ms);
				if (!labeled.hasText()) {
					setup.withoutText.add(ms);
				}
			}
		}
		// The same burst twice: first on the freshly started servers, whose JIT compiler is still busy with
		// the request and labeling code, then on the warmed servers, as ones that have been up a while.
		for (int round = 0; round < 2; round++) {
			for (Setup setup : setups) {
				setup.bursts.add(burst(setup, photos, options.burst));
			}
		}
		double cliRate = cliRate(photos, options.burst);

		System.out.printf("Tasklens pipeline benchmark: %d cores, %d photos from %s%s%n",
				Runtime.getRuntime().availableProcessors(), photos.size(), options.images,
				setups.size() > 1 ? "; setups interleaved: "
						+ String.join(", ", setups.stream().map(setup -> setup.name).toList()) : "");
		System.out.printf("./tasklens label on the same %d images: %.2f images/s%n", options.burst, cliRate);
		int failed = 0;
		for (Setup setup : setups) {
			System.out.printf("%n%s%n", setups.size() > 1 ? "== " + setup.name + " ==" : "");
			System.out.printf("upload → labels latency (PUT done → SSE labels event), %d sequential uploads:%n",
					options.uploads);
			System.out.printf("  all photos            n=%3d  p50 %6.0f ms  p95 %6.0f ms  max %6.0f ms%n", setup.all.size(),
					percentile(setup.all, 50), percentile(setup.all, 95), percentile(setup.all, 100));
			System.out.printf("  photos without text   n=%3d  p50 %6.0f ms  p95 %6.0f ms  max %6.0f ms%n",
					setup.withoutText.size(), percentile(setup.withoutText, 50), percentile(setup.withoutText, 95),
					percentile(setup.withoutText, 100));
			setup.bursts.get(0).print("burst of " + options.burst + " uploads, fresh server", cliRate);
			setup.bursts.get(1).print("burst of " + options.burst + " uploads, warm server", cliRate);
			for (int i = 0; i < setup.nodes.size(); i++) {
				System.out.printf("server%s peak resident memory: %.0f MiB%n",
						setup.nodes.size() > 1 ? " " + (i + 1) : "", setup.nodes.get(i).peakResidentMiB());
			}
			failed += setup.bursts.stream().mapToInt(Burst::failed).sum();
		}
		if (setups.size() > 1) {
			Setup sqlite = setups.get(0);
			System.out.printf("%nagainst %s, same run%n", sqlite.name);
			System.out.printf("%-28s %12s %12s %14s %14s%n", "setup", "p50 latency", "p95 latency", "warm burst rate",
					"CPU per image");
			for (Setup setup : setups.subList(1, setups.size())) {
				System.out.printf("%-28s %11.2f× %11.2f× %13.2f× %13.2f×%n", setup.name,
						percentile(setup.all, 50) / percentile(sqlite.all, 50),
						percentile(setup.all, 95) / percentile(sqlite.all, 95),
						setup.bursts.get(1).rate() / sqlite.bursts.get(1).rate(),
						setup.bursts.get(1).cpuPerImage() / sqlite.bursts.get(1).cpuPerImage());
			}
		}
		return failed == 0 ? 0 : 1;
	}

	/** One burst: uploads as fast as four clients send them, then every labels event awaited. */
	private record Burst(int count, double seconds, double sustainedSeconds, double serverCpu, double clientCpu,
			int failed) {

		double rate() {
			return count / seconds;
		}

		double cpuPerImage() {
			return serverCpu / count;
		}

		void print(String title, double cliRate) {
			double rate = rate();
			double sustained = (count - 1) / sustainedSeconds;
			System.out.printf("%s (%d failed):%n", title, failed);
			System.out.printf("  first PUT → last labels event  %6.2f images/s  (%.2f × label)%n", rate, rate / cliRate);
			System.out.printf("  first → last labels event      %6.2f images/s  (%.2f × label, sustained)%n",
					sustained, sustained / cliRate);
			System.out.printf("  CPU per image: server %.0f ms, this client %.0f ms (over %.1f s)%n",
					serverCpu / count * 1000, clientCpu / count * 1000, seconds);
		}
	}

	private static Burst burst(Setup setup, List<Path> photos, int count) throws Exception {
		double serverCpuBefore = setup.cpuSeconds();
		double clientCpuBefore = processCpuSeconds();
		long start = System.nanoTime();
		List<Upload> sent = new ArrayList<>();
		ExecutorService clients = Executors.newFixedThreadPool(4);
		try {
			List<Future<Upload>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Path photo = photos.get(i % photos.size());
				URI base = setup.nextBase();
				futures.add(clients.submit(() -> upload(base, setup.token, setup.taskId, photo)));
			}
			for (Future<Upload> future : futures) {
				sent.add(future.get());
			}
		}
		finally {
			clients.shutdown();
		}
		long first = Long.MAX_VALUE;
		long last = 0;
		int failed = 0;
		for (Upload upload : sent) {
			EventWatcher.Labeled labeled = setup.events.await(upload.attachmentId, 600);
			first = Math.min(first, labeled.nanos());
			last = Math.max(last, labeled.nanos());
			failed += labeled.failed() ? 1 : 0;
		}
		return new Burst(count, (last - start) / 1e9, (last - first) / 1e9, setup.cpuSeconds() - serverCpuBefore,
				processCpuSeconds() - clientCpuBefore, failed);
	}

	/** The throughput {@code ./tasklens label} reaches on the same images: one detector, all cores. */
	private static double cliRate(List<Path> photos, int count) throws Exception {
		List<byte[]> bytes = new ArrayList<>();
		for (Path photo : photos) {
			bytes.add(Files.readAllBytes(photo));
		}
		try (LabelThroughput label = new LabelThroughput(bytes, DetectOptions.defaults())) {
			return label.imagesPerSecond(bytes, count, DetectOptions.defaults());
		}
	}

	private record Upload(String attachmentId, long putDoneNanos) {
	}

	private static Upload upload(URI base, String token, String taskId, Path photo) throws Exception {
		byte[] bytes = Files.readAllBytes(photo);
		String type = photo.toString().toLowerCase(Locale.ROOT).endsWith(".png") ? "image/png" : "image/jpeg";
		JsonNode created = BenchClient.JSON.readTree(BenchClient.send(base, "POST", "/api/tasks/" + taskId + "/attachments", token,
				BenchClient.JSON.writeValueAsString(Map.of("filename", photo.getFileName().toString(), "contentType", type, "size",
						bytes.length))));
		JsonNode upload = created.get("upload");
		HttpRequest.Builder put = HttpRequest.newBuilder(base.resolve(upload.get("url").asString()))
			.method(upload.get("method").asString(), HttpRequest.BodyPublishers.ofByteArray(bytes));
		upload.get("headers").properties().forEach(header -> {
			if (!header.getKey().equalsIgnoreCase("content-length") && !header.getKey().equalsIgnoreCase("host")) {
				put.header(header.getKey(), header.getValue().asString());
			}
		});
		HttpResponse<String> response = BenchClient.HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString());
		long done = System.nanoTime();
		if (response.statusCode() / 100 != 2) {
			throw new IOException("upload answered " + response.statusCode() + ": " + response.body());
		}
		// A bucket learns nothing by itself; the local store has already given the notice and this changes nothing.
		BenchClient.send(base, "POST", created.get("attachment").get("links").get("complete").asString(), token, "");
		return new Upload(created.get("attachment").get("id").asString(), done);
	}

	/** Follows the user's event stream and remembers when each attachment's labels (or failure) arrived. */
	private static final class EventWatcher implements AutoCloseable {

		record Labeled(long nanos, boolean hasText, boolean failed) {
		}

		private final Map<String, CompletableFuture<Labeled>> arrivals = new ConcurrentHashMap<>();
		private final CompletableFuture<HttpResponse<Stream<String>>> stream;

		private EventWatcher(CompletableFuture<HttpResponse<Stream<String>>> stream) {
			this.stream = stream;
		}

		static EventWatcher open(URI base, String token) throws Exception {
			HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/events"))
				.header("Authorization", "Bearer " + token)
				.header("Accept", "text/event-stream")
				.build();
			CompletableFuture<HttpResponse<Stream<String>>> stream = BenchClient.HTTP.sendAsync(request,
					HttpResponse.BodyHandlers.ofLines());
			EventWatcher watcher = new EventWatcher(stream);
			HttpResponse<Stream<String>> response = stream.get(30, TimeUnit.SECONDS);
			Thread reader = new Thread(() -> watcher.read(response.body()), "bench-events");
			reader.setDaemon(true);
			reader.start();
			return watcher;
		}

		private void read(Stream<String> lines) {
			try {
				follow(lines);
			}
			catch (java.io.UncheckedIOException ex) {
				// the stream was closed at the end of the run
			}
		}

		private void follow(Stream<String> lines) {
			String[] event = { null };
			lines.forEach(line -> {
				if (line.startsWith("event:")) {
					event[0] = line.substring(6).trim();
				}
				else if (line.startsWith("data:") && event[0] != null) {
					long now = System.nanoTime();
					JsonNode data = BenchClient.JSON.readTree(line.substring(5).trim());
					String id = data.path("attachmentId").asString();
					String status = data.path("status").asString();
					if (event[0].equals("labels")) {
						boolean text = data.path("textDetections").size() > 0;
						future(id).complete(new Labeled(now, text, false));
					}
					else if (status.equals("FAILED")) {
						future(id).complete(new Labeled(now, false, true));
					}
				}
				else if (line.isEmpty()) {
					event[0] = null;
				}
			});
		}

		private CompletableFuture<Labeled> future(String attachmentId) {
			return arrivals.computeIfAbsent(attachmentId, id -> new CompletableFuture<>());
		}

		Labeled await(String attachmentId, int seconds) throws Exception {
			return future(attachmentId).get(seconds, TimeUnit.SECONDS);
		}

		@Override
		public void close() {
			stream.thenAccept(response -> response.body().close());
		}
	}

	static List<Path> photos(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) {
			throw new IOException("no image folder " + dir + " (give one with --images DIR)");
		}
		try (Stream<Path> files = Files.list(dir)) {
			List<Path> photos = files.filter(p -> p.toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png)$"))
				.sorted()
				.toList();
			if (photos.isEmpty()) {
				throw new IOException("no JPEG or PNG images in " + dir);
			}
			return photos;
		}
	}

	private static double processCpuSeconds() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
	}

	private static double percentile(List<Double> values, double p) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

}
