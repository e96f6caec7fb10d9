package app.tasklens.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;


/**
 * {@code ./tasklens bench-api}: starts a server on a fresh data directory, then measures
 * {@code GET /api/tasks} (20 tasks), {@code POST /api/tasks} and {@code GET /actuator/health} side by side in
 * interleaved rounds with 16 concurrent keep-alive clients on loopback, and prints medians over the rounds,
 * the ready time and the server's peak resident memory.
 */
final class BenchApiCommand {


	private BenchApiCommand() {
	}

	static int run(String[] args) {
		Options options = Options.parse(args);
		if (options == null) {
			System.err.println("usage: ./tasklens bench-api [--connections N] [--seconds S] [--rounds R] [--warmup S]");
			return 2;
		}
		try {
			Path dir = Files.createDirectories(Path.of("target", "bench-api", Long.toString(System.currentTimeMillis())));
			try (ServerProcess server = ServerProcess.start(dir.resolve("data"), Map.of(), dir.resolve("server.log"))) {
				return measure(server, options);
			}
		}
		catch (Exception ex) {
			System.err.println("bench-api: " + ex.getMessage());
			return 1;
		}
	}

	private static int measure(ServerProcess server, Options options) throws Exception {
		URI base = server.base();
		String token = BenchClient.signUp(base);
		for (int i = 0; i < 20; i++) {
			BenchClient.send(base, "POST", "/api/tasks", token, "{\"title\":\"Task " + i + "\",\"body\":\"Body of task " + i
					+ " with a few words\",\"dueDate\":\"2030-01-" + String.format("%02d", i + 1) + "\"}");
		}
		Map<String, HttpLoad.Request> scenarios = new LinkedHashMap<>();
		scenarios.put("GET /actuator/health", new HttpLoad.Request("GET", "/actuator/health", null, null));
		scenarios.put("GET /api/tasks (20)", new HttpLoad.Request("GET", "/api/tasks?limit=20", token, null));
		// Creating tasks grows the list; a second user keeps the listed user's 20 tasks as they are.
		String writer = BenchClient.signUp(base);
		scenarios.put("POST /api/tasks", new HttpLoad.Request("POST", "/api/tasks", writer,
				"{\"title\":\"Benchmark task\",\"body\":\"created under load\"}"));

		Map<String, List<HttpLoad.Result>> results = new LinkedHashMap<>();
		scenarios.keySet().forEach(name -> results.put(name, new ArrayList<>()));
		for (int round = 0; round < options.rounds; round++) {
			for (Map.Entry<String, HttpLoad.Request> scenario : scenarios.entrySet()) {
				double warmup = round == 0 ? options.warmup * 2 : options.warmup;
				results.get(scenario.getKey()).add(
						HttpLoad.run(base, scenario.getValue(), options.connections, warmup, options.seconds));
			}
		}

		System.out.printf("Tasklens API benchmark: %d connections, %d rounds × %.0f s per scenario, loopback, %d cores%n",
				options.connections, options.rounds, options.seconds, Runtime.getRuntime().availableProcessors());
		System.out.printf("server ready after %.2f s (process start → /actuator/health UP)%n",
				server.readyAfter().toMillis() / 1000.0);
		System.out.printf("%-22s %10s %8s %8s %8s %8s %9s%n", "scenario (medians)", "req/s", "p50 ms", "p90 ms",
				"p99 ms", "max ms", "failures");
		Map<String, Double> rates = new LinkedHashMap<>();
		for (Map.Entry<String, List<HttpLoad.Result>> entry : results.entrySet()) {
			List<HttpLoad.Result> rounds = entry.getValue();
			double rps = median(rounds, HttpLoad.Result::requestsPerSecond);
			rates.put(entry.getKey(), rps);
			System.out.printf("%-22s %10.0f %8.2f %8.2f %8.2f %8.1f %9d%n", entry.getKey(), rps,
					median(rounds, HttpLoad.Result::p50), median(rounds, HttpLoad.Result::p90),
					median(rounds, HttpLoad.Result::p99), median(rounds, HttpLoad.Result::max),
					rounds.stream().mapToLong(HttpLoad.Result::failures).sum());
		}
		List<Double> ratios = new ArrayList<>();
		List<HttpLoad.Result> list = results.get("GET /api/tasks (20)");
		List<HttpLoad.Result> health = results.get("GET /actuator/health");
		for (int i = 0; i < list.size(); i++) {
			ratios.add(list.get(i).requestsPerSecond() / health.get(i).requestsPerSecond());
		}
		ratios.sort(Comparator.naturalOrder());
		System.out.printf("list / health rate, median of per-round ratios: %.2f%n", ratios.get(ratios.size() / 2));
		System.out.printf("server resident memory: peak %.0f MiB, now %.0f MiB%n", server.peakResidentMiB(),
				server.residentMiB());
		return 0;
	}

	private static double median(List<HttpLoad.Result> results, ToDoubleFunction<HttpLoad.Result> figure) {
		double[] values = results.stream().mapToDouble(figure).sorted().toArray();
		return values[values.length / 2];
	}

	private record Options(int connections, double seconds, int rounds, double warmup) {

		static Options parse(String[] args) {
			int connections = 16;
			double seconds = 5;
			int rounds = 3;
			double warmup = 2;
			for (int i = 0; i < args.length; i++) {
				if (i + 1 >= args.length) {
					return null;
				}
				switch (args[i]) {
					case "--connections" -> connections = Integer.parseInt(args[++i]);
					case "--seconds" -> seconds = Double.parseDouble(args[++i]);
					case "--rounds" -> rounds = Integer.parseInt(args[++i]);
					case "--warmup" -> warmup = Double.parseDouble(args[++i]);
					default -> {
						return null;
					}
				}
			}
			return new Options(connections, seconds, rounds, warmup);
		}
	}
}
