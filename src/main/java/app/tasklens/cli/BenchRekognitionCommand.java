package app.tasklens.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import app.tasklens.adapter.rekognition.RekognitionLoad;
import app.tasklens.labeling.DetectOptions;

/**
 * {@code ./tasklens bench-rekognition}: starts a server on a fresh data folder and measures DetectLabels
 * through its Rekognition-compatible endpoint with the AWS SDK for Java v2 (4 clients, each with an access
 * key of its own, retries off) beside {@code ./tasklens label}'s throughput on the same images in this
 * process, in interleaved rounds; prints the medians and their ratio. The label side reads no text, as
 * DetectLabels does not (DetectText is its own call).
 */
final class BenchRekognitionCommand {

	static final String USAGE = "usage: ./tasklens bench-rekognition [--clients N] [--images-per-round N] [--rounds R] [--images DIR]";

	private BenchRekognitionCommand() {
	}

	static int run(String[] args) {
		int clients = 4;
		int perRound = 40;
		int rounds = 3;
		Path images = Path.of("..", "shared", "eval", "coco", "images");
		try {
			for (int i = 0; i < args.length; i++) {
				switch (args[i]) {
					case "--clients" -> clients = Integer.parseInt(args[++i]);
					case "--images-per-round" -> perRound = Integer.parseInt(args[++i]);
					case "--rounds" -> rounds = Integer.parseInt(args[++i]);
					case "--images" -> images = Path.of(args[++i]);
					default -> throw new IllegalArgumentException(args[i]);
				}
			}
			if (clients < 1 || perRound < 1 || rounds < 1) {
				throw new IllegalArgumentException("counts must be at least 1");
			}
		}
		catch (RuntimeException ex) {
			System.err.println(USAGE);
			return 2;
		}
		try {
			List<byte[]> photos = new ArrayList<>();
			for (Path photo : BenchPipelineCommand.photos(images)) {
				photos.add(Files.readAllBytes(photo));
			}
			Path dir = Files.createDirectories(Path.of("target", "bench-rekognition", Long.toString(System.currentTimeMillis())));
			Path models = CliSettings.vision().modelsDir().toAbsolutePath();
			try (ServerProcess server = ServerProcess.start(dir.resolve("data"),
					Map.of("TASKLENS_MODELS_DIR", models.toString()), dir.resolve("server.log"))) {
				return measure(server, photos, images, clients, perRound, rounds);
			}
		}
		catch (Exception ex) {
			System.err.println("bench-rekognition: " + ex);
			return 1;
		}
	}

	private static int measure(ServerProcess server, List<byte[]> photos, Path images, int clientCount, int perRound,
			int rounds) throws Exception {
		URI base = server.base();
		String token = BenchClient.signUp(base);
		List<RekognitionLoad.Key> keys = new ArrayList<>();
		for (int i = 0; i < clientCount; i++) {
			JsonNode key = BenchClient.JSON.readTree(BenchClient.send(base, "POST", "/api/access-keys", token, "{}"));
			keys.add(new RekognitionLoad.Key(key.get("accessKeyId").asString(), key.get("secretAccessKey").asString()));
		}
		DetectOptions noText = DetectOptions.defaults().withDetectText(false);
		try (LabelThroughput label = new LabelThroughput(photos, noText);
				RekognitionLoad endpoint = new RekognitionLoad(base, keys)) {
			// Warm-up: the server's first calls pay for loading its models and for the JIT; they are not counted.
			endpoint.detectLabels(photos, 2 * clientCount);

			double[] called = new double[rounds];
			double[] labeled = new double[rounds];
			double[] ratios = new double[rounds];
			long failures = 0;
			for (int round = 0; round < rounds; round++) {
				RekognitionLoad.Round measured = endpoint.detectLabels(photos, perRound);
				called[round] = measured.requestsPerSecond();
				failures += measured.failures();
				labeled[round] = label.imagesPerSecond(photos, perRound, noText);
				ratios[round] = called[round] / labeled[round];
			}

			System.out.printf("Tasklens Rekognition endpoint benchmark: %d cores, %d photos from %s, %d rounds of %d images%n",
					Runtime.getRuntime().availableProcessors(), photos.size(), images, rounds, perRound);
			System.out.printf("DetectLabels, AWS SDK for Java v2, %d clients  median %6.2f requests/s  (rounds %s)%n",
					clientCount, median(called), rounds(called));
			System.out.printf("./tasklens label --no-text, same images   median %6.2f images/s    (rounds %s)%n",
					median(labeled), rounds(labeled));
			System.out.printf("endpoint / label, median of per-round ratios: %.2f%n", median(ratios));
			System.out.printf("failed calls: %d; server peak resident memory: %.0f MiB%n", failures,
					server.peakResidentMiB());
			return failures == 0 ? 0 : 1;
		}
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	private static String rounds(double[] values) {
		return String.join(", ", Arrays.stream(values).mapToObj(value -> String.format("%.2f", value)).toList());
	}
}
