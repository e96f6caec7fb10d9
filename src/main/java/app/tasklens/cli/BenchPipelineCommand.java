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
 * {@code ./tasklens bench-pipeline}: the whole upload → object created → labels path of a running server,
 * as a user of the API sees it.
 * <ol>
 * <li>latency: photos uploaded one at a time; from the end of the {@code PUT} to the {@code labels} event
 * on {@code GET /api/events}; p50 and p95, overall and for photos in which no text was found;</li>
 * <li>burst: 200 uploads as fast as four clients can send them; labeled images per second from the first
 * {@code PUT} to the last {@code labels} event (and from the first to the last event, sustained), next to
 * {@code ./tasklens label} on the same images in this process (with the server idle), and their ratio; once
 * on the freshly started server and once more when it is warm;</li>
 * <li>the server's peak resident memory.</li>
 * </ol>
 */
final class BenchPipelineCommand {


	private BenchPipelineCommand() {
	}

	static int run(String[] args) {
		int uploads = 40;
		int burst = 200;
		Path images = Path.of("../shared/eval/coco/images");
		try {
			for (int i = 0; i < args.length; i++) {
				switch (args[i]) {
					case "--uploads" -> uploads = Integer.parseInt(args[++i]);
					case "--burst" -> burst = Integer.parseInt(args[++i]);
					case "--images" -> images = Path.of(args[++i]);
					default -> throw new IllegalArgumentException(args[i]);
				}
			}
		}
		catch (RuntimeException ex) {
			System.err.println("usage: ./tasklens bench-pipeline [--uploads N] [--burst N] [--images DIR]");
			return 2;
		}
		try {
			List<Path> photos = photos(images);
			Path dir = Files.createDirectories(Path.of("target", "bench-pipeline", Long.toString(System.currentTimeMillis())));
			Path models = CliSettings.vision().modelsDir().toAbsolutePath();
			try (ServerProcess server = ServerProcess.start(dir.resolve("data"),
					Map.of("TASKLENS_MODELS_DIR", models.toString()), dir.resolve("server.log"))) {
				return measure(server, photos, uploads, burst);
			}
		}
		catch (Exception ex) {
			System.err.println("bench-pipeline: " + ex);
			return 1;
		}
	}

	private static int measure(ServerProcess server, List<Path> photos, int uploads, int burst) throws Exception {
		URI base = server.base();
		String token = BenchClient.signUp(base);
		String taskId = BenchClient.JSON.readTree(BenchClient.send(base, "POST", "/api/tasks", token, "{\"title\":\"Benchmark photos\"}"))
			.get("id").asString();
		try (EventWatcher events = EventWatcher.open(base, token)) {
			// Warm-up: the first images pay for model loading and JIT; they are not counted.
			for (int i = 0; i < 3; i++) {
				Upload upload = upload(base, token, taskId, photos.get(i % photos.size()));
				events.await(upload.attachmentId, 120);
			}

			List<Double> all = new ArrayList<>();
			List<Double> withoutText = new ArrayList<>();
			for (int i = 0; i < uploads; i++) {
				Upload upload = upload(base, token, taskId, photos.get(i % photos.size()));
				EventWatcher.Labeled labeled = events.await(upload.attachmentId, 120);
				double ms = (labeled.nanos() - upload.putDoneNanos) / 1e6;
				all.add(ms);
				if (!labeled.hasText()) {
					withoutText.add(ms);
				}
			}

			// The same burst twice: first on the freshly started server, whose JIT compiler is still busy with
			// the request and labeling code, then on the warmed server, as one that has been up a while.
			Burst cold = burst(server, events, base, token, taskId, photos, burst);
			Burst warm = burst(server, events, base, token, taskId, photos, burst);
			double cliRate = cliRate(photos, burst);

			System.out.printf("Tasklens pipeline benchmark: %d cores, %d photos from %s%n",
					Runtime.getRuntime().availableProcessors(), photos.size(), "the eval set");
			System.out.printf("upload → labels latency (PUT done → SSE labels event), %d sequential uploads:%n", uploads);
			System.out.printf("  all photos            n=%3d  p50 %6.0f ms  p95 %6.0f ms  max %6.0f ms%n", all.size(),
					percentile(all, 50), percentile(all, 95), percentile(all, 100));
			System.out.printf("  photos without text   n=%3d  p50 %6.0f ms  p95 %6.0f ms  max %6.0f ms%n",
					withoutText.size(), percentile(withoutText, 50), percentile(withoutText, 95),
					percentile(withoutText, 100));
			System.out.printf("./tasklens label on the same %d images: %.2f images/s%n", burst, cliRate);
			cold.print("burst of " + burst + " uploads, fresh server", cliRate);
			warm.print("burst of " + burst + " uploads, warm server", cliRate);
			System.out.printf("server peak resident memory: %.0f MiB%n", server.peakResidentMiB());
			return cold.failed + warm.failed == 0 ? 0 : 1;
		}
	}

	/** One burst: uploads as fast as four clients send them, then every labels event awaited. */
	private record Burst(int count, double seconds, double sustainedSeconds, double serverCpu, double clientCpu,
			int failed) {

		void print(String title, double cliRate) {
			double rate = count / seconds;
			double sustained = (count - 1) / sustainedSeconds;
			System.out.printf("%s (%d failed):%n", title, failed);
			System.out.printf("  first PUT → last labels event  %6.2f images/s  (%.2f × label)%n", rate, rate / cliRate);
			System.out.printf("  first → last labels event      %6.2f images/s  (%.2f × label, sustained)%n",
					sustained, sustained / cliRate);
			System.out.printf("  CPU per image: server %.0f ms, this client %.0f ms (over %.1f s)%n",
					serverCpu / count * 1000, clientCpu / count * 1000, seconds);
		}
	}

	private static Burst burst(ServerProcess server, EventWatcher events, URI base, String token, String taskId,
			List<Path> photos, int count) throws Exception {
		double serverCpuBefore = server.cpuSeconds();
		double clientCpuBefore = processCpuSeconds();
		long start = System.nanoTime();
		List<Upload> sent = new ArrayList<>();
		ExecutorService clients = Executors.newFixedThreadPool(4);
		try {
			List<Future<Upload>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Path photo = photos.get(i % photos.size());
				futures.add(clients.submit(() -> upload(base, token, taskId, photo)));
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
			EventWatcher.Labeled labeled = events.await(upload.attachmentId, 600);
			first = Math.min(first, labeled.nanos());
			last = Math.max(last, labeled.nanos());
			failed += labeled.failed() ? 1 : 0;
		}
		return new Burst(count, (last - start) / 1e9, (last - first) / 1e9, server.cpuSeconds() - serverCpuBefore,
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
