package app.tasklens.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Tasklens server started from this same jar as a child process, on a free loopback port, for the
 * benchmarks: measures how long it takes to be ready and how much memory it holds.
 */
final class ServerProcess implements AutoCloseable {

	private final Process process;
	private final URI base;
	private final Duration readyAfter;

	private ServerProcess(Process process, URI base, Duration readyAfter) {
		this.process = process;
		this.base = base;
		this.readyAfter = readyAfter;
	}

	/**
	 * @param dataDir a data directory for this run
	 * @param environment extra environment (for example {@code TASKLENS_MODELS_DIR})
	 * @param log where the server's output goes
	 */
	static ServerProcess start(Path dataDir, Map<String, String> environment, Path log) throws IOException,
			InterruptedException {
		return start(ownJar(), dataDir, environment, log);
	}

	/** A server from another build's {@code jar}, to compare it with this one. */
	static ServerProcess start(Path jar, Path dataDir, Map<String, String> environment, Path log)
			throws IOException, InterruptedException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(jvmOptions());
		command.add("-jar");
		command.add(jar.toString());
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(environment);
		builder.environment().put("TASKLENS_DATA_DIR", dataDir.toString());
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		long begin = System.nanoTime();
		Process process = builder.start();
		URI base = URI.create("http://127.0.0.1:" + port);
		waitUntilHealthy(process, base, log);
		return new ServerProcess(process, base, Duration.ofNanos(System.nanoTime() - begin));
	}

	URI base() {
		return base;
	}

	long pid() {
		return process.pid();
	}

	boolean running() {
		return process.isAlive();
	}

	/** From process start until {@code /actuator/health} answered UP. */
	Duration readyAfter() {
		return readyAfter;
	}

	/** Peak resident set size in MiB (VmHWM), or -1 where /proc is not there. */
	double peakResidentMiB() {
		return procStatusKb("VmHWM:") / 1024.0;
	}

	double residentMiB() {
		return procStatusKb("VmRSS:") / 1024.0;
	}

	/** CPU time (user + system) the server has used so far, in seconds, or -1 where /proc is not there. */
	double cpuSeconds() {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// Fields 14 and 15 of /proc/PID/stat (utime, stime), counted after the command name.
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	private long procStatusKb(String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
				if (line.startsWith(field)) {
					return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
		return -1;
	}

	/** The same JVM options as this process, so the server runs as {@code ./tasklens} would run it. */
	private static List<String> jvmOptions() {
		return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
			.filter(option -> option.startsWith("-X") || option.startsWith("-XX"))
			.toList();
	}

	/** This process's jar: the benchmarks run from {@code ./tasklens}, that is {@code java -jar tasklens.jar}. */
	private static Path ownJar() throws IOException {
		Path jar = Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]);
		if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
			throw new IOException("run the benchmarks through ./tasklens (java -jar tasklens.jar), not from " + jar);
		}
		return jar.toAbsolutePath();
	}

	private static void waitUntilHealthy(Process process, URI base, Path log) throws InterruptedException,
			IOException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest health = HttpRequest.newBuilder(base.resolve("/actuator/health")).timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IOException("server exited with " + process.exitValue() + "; see " + log);
			}
			try {
				HttpResponse<String> response = client.send(health, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(25);
		}
		process.destroyForcibly();
		throw new IOException("server not healthy within 120 s; see " + log);
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
		}
	}
}
