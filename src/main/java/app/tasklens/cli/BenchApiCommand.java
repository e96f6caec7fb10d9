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
 * the ready time and the server's peak resident memory. With {@code --postgres URL} a second server runs on that
 * PostgreSQL database ({@code TASKLENS_DATABASE_USERNAME} and {@code …_PASSWORD} from this environment) beside the
 * one on SQLite: each round measures every scenario on one server and then on the other, and the figures are
 * printed for both with their ratios.
 */
final class BenchApiCommand {

	private static final String USAGE = "usage: ./tasklens bench-api [--connections N] [--seconds S] [--rounds R]"
			+ " [--warmup S] [--postgres JDBC_URL]";

	private BenchApiCommand() {
	}

	static int run(String[] args) {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (NumberFormatException ex) {
			options = null;
		}
		if (options == null) {
			System.err.println(USAGE);
			return 2;
		}
		Map<String, ServerProcess> servers = new LinkedHashMap<>();
		try {
			Path dir = Files.createDirectories(Path.of("target", "bench-api", Long.toString(System.currentTimeMillis())));
			// The SQLite server must not inherit a database URL from this environment.
			servers.put("SQLite", ServerProcess.start(dir.resolve("sqlite"), Map.of("TASKLENS_DATABASE_URL", ""),
					dir.resolve("server-sqlite.log")));
			if (options.postgres != null) {
				servers.put("PostgreSQL", ServerProcess.start(dir.resolve("postgres"),
						Map.of("TASKLENS_DATABASE_URL", options.postgres), dir.resolve("server-postgres.log")));
			}
			return measure(servers, options);
		}
		catch (Exception ex) {
			System.err.println("bench-api: " + ex.getMessage());
			return 1;
		}
		finally {
			for (ServerProcess server : servers.values()) {
				try {
					server.close();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}

	private static int measure(Map<String, ServerProcess> servers, Options options) throws Exception {
		Map<String, Map<String, HttpLoad.Request>> scenariosOf = new LinkedHashMap<>();
		for (Map.Entry<String, ServerProcess> server : servers.entrySet()) {
			scenariosOf.put(server.getKey(), scenarios(server.getValue().base()));
		}
		// results[server][scenario] = one result a round
		Map<String, Map<String, List<HttpLoad.Result>>> results = new LinkedHashMap<>();
		for (int round = 0; round < options.rounds; round++) {
			double warmup = round == 0 ? options.warmup * 2 : options.warmup;
			for (String scenario : scenariosOf.values().iterator().next().keySet()) {
				for (Map.Entry<String, ServerProcess> server : servers.entrySet()) {
					results.computeIfAbsent(server.getKey(), name -> new LinkedHashMap<>())
						.computeIfAbsent(scenario, name -> new ArrayList<>())
						.add(HttpLoad.run(server.getValue().base(), scenariosOf.get(server.getKey()).get(scenario),
								options.connections, warmup, options.seconds));
				}
			}
		}

		System.out.printf("Tasklens API benchmark: %d connections, %d rounds × %.0f s per scenario, loopback, %d cores%s%n",
				options.connections, options.rounds, options.seconds, Runtime.getRuntime().availableProcessors(),
				servers.size() > 1 ? ", servers " + String.join(" and ", servers.keySet()) + " interleaved" : "");
		for (Map.Entry<String, ServerProcess> server : servers.entrySet()) {
			System.out.printf("%n%s: server ready after %.2f s (process start → /actuator/health UP)%n", server.getKey(),
					server.getValue().readyAfter().toMillis() / 1000.0);
			System.out.printf("%-22s %10s %8s %8s %8s %8s %9s%n", "scenario (medians)", "req/s", "p50 ms", "p90 ms",
					"p99 ms", "max ms", "failures");
			Map<String, List<HttpLoad.Result>> of = results.get(server.getKey());
			for (Map.Entry<String, List<HttpLoad.Result>> entry : of.entrySet()) {
				List<HttpLoad.Result> rounds = entry.getValue();
				System.out.printf("%-22s %10.0f %8.2f %8.2f %8.2f %8.1f %9d%n", entry.getKey(),
						median(rounds, HttpLoad.Result::requestsPerSecond), median(rounds, HttpLoad.Result::p50),
						median(rounds, HttpLoad.Result::p90), median(rounds, HttpLoad.Result::p99),
						median(rounds, HttpLoad.Result::max), rounds.stream().mapToLong(HttpLoad.Result::failures).sum());
			}
			System.out.printf("list / health rate, median of per-round ratios: %.2f%n",
					medianRatio(of.get("GET /api/tasks (20)"), of.get("GET /actuator/health")));
			System.out.printf("server resident memory: peak %.0f MiB, now %.0f MiB%n", server.getValue().peakResidentMiB(),
					server.getValue().residentMiB());
		}
		if (servers.size() > 1) {
			System.out.printf("%nPostgreSQL / SQLite, median of per-round ratios (measured one after the other in each round)%n");
			System.out.printf("%-22s %10s %10s%n", "scenario", "req/s", "p99");
			for (String scenario : results.get("SQLite").keySet()) {
				List<HttpLoad.Result> postgres = results.get("PostgreSQL").get(scenario);
				List<HttpLoad.Result> sqlite = results.get("SQLite").get(scenario);
				System.out.printf("%-22s %10.2f %10.2f%n", scenario,
						medianRatio(postgres, sqlite, HttpLoad.Result::requestsPerSecond),
						medianRatio(postgres, sqlite, HttpLoad.Result::p99));
			}
		}
		long failures = results.values().stream().flatMap(of -> of.values().stream()).flatMap(List::stream)
			.mapToLong(HttpLoad.Result::failures).sum();
		return failures == 0 ? 0 : 1;
	}

	/** Signs up a user with 20 tasks to list and a second one who creates tasks, so the list stays as it is. */
	private static Map<String, HttpLoad.Request> scenarios(URI base) throws Exception {
		String token = BenchClient.signUp(base);
		for (int i = 0; i < 20; i++) {
			BenchClient.send(base, "POST", "/api/tasks", token, "{\"title\":\"Task " + i + "\",\"body\":\"Body of task " + i
					+ " with a few words\",\"dueDate\":\"2030-01-" + String.format("%02d", i + 1) + "\"}");
		}
		Map<String, HttpLoad.Request> scenarios = new LinkedHashMap<>();
		scenarios.put("GET /actuator/health", new HttpLoad.Request("GET", "/actuator/health", null, null));
		scenarios.put("GET /api/tasks (20)", new HttpLoad.Request("GET", "/api/tasks?limit=20", token, null));
		String writer = BenchClient.signUp(base);
		scenarios.put("POST /api/tasks", new HttpLoad.Request("POST", "/api/tasks", writer,
				"{\"title\":\"Benchmark task\",\"body\":\"created under load\"}"));
		return scenarios;
	}

	private static double medianRatio(List<HttpLoad.Result> numerators, List<HttpLoad.Result> denominators) {
		return medianRatio(numerators, denominators, HttpLoad.Result::requestsPerSecond);
	}

	private static double medianRatio(List<HttpLoad.Result> numerators, List<HttpLoad.Result> denominators,
			ToDoubleFunction<HttpLoad.Result> figure) {
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < numerators.size(); i++) {
			ratios.add(figure.applyAsDouble(numerators.get(i)) / figure.applyAsDouble(denominators.get(i)));
		}
		ratios.sort(Comparator.naturalOrder());
		return ratios.get(ratios.size() / 2);
	}

	private static double median(List<HttpLoad.Result> results, ToDoubleFunction<HttpLoad.Result> figure) {
		double[] values = results.stream().mapToDouble(figure).sorted().toArray();
		return values[values.length / 2];
	}

	private record Options(int connections, double seconds, int rounds, double warmup, String postgres) {

		static Options parse(String[] args) {
			int connections = 16;
			double seconds = 5;
			int rounds = 3;
			double warmup = 2;
			String postgres = null;
			for (int i = 0; i < args.length; i++) {
				if (i + 1 >= args.length) {
					return null;
				}
				switch (args[i]) {
					case "--connections" -> connections = Integer.parseInt(args[++i]);
					case "--seconds" -> seconds = Double.parseDouble(args[++i]);
					case "--rounds" -> rounds = Integer.parseInt(args[++i]);
					case "--warmup" -> warmup = Double.parseDouble(args[++i]);
					case "--postgres" -> postgres = args[++i];
					default -> {
						return null;
					}
				}
			}
			if (connections < 1 || rounds < 1 || seconds <= 0 || warmup < 0
					|| postgres != null && !postgres.startsWith("jdbc:postgresql:")) {
				return null;
			}
			return new Options(connections, seconds, rounds, warmup, postgres);
		}
	}
}
