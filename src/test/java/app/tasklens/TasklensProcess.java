package app.tasklens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import app.tasklens.web.api.ApiClient;

/**
 * Tasklens as a separate JVM from this test's class path, on a free port, its output in
 * {@code <data>/<name>.log}: for what only a real process shows (a crash, running out of memory, a signal).
 * {@link #launcherJvmOptions} are the ones {@code ./tasklens} starts the server with.
 */
public final class TasklensProcess implements AutoCloseable {

	private final Process process;
	private final int port;
	private final Path log;

	private TasklensProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts the server on {@code dataDir} with the real models and {@code arguments} (Spring Boot properties
	 * such as {@code --tasklens.labeling.lease=3s}) and waits until it is healthy.
	 */
	public static TasklensProcess start(Path dataDir, String name, List<String> jvmOptions, String... arguments)
			throws IOException {
		return start(dataDir, name, jvmOptions, Map.of(), arguments);
	}

	/** As {@link #start(Path, String, List, String...)}, with {@code environment} added to the process's. */
	public static TasklensProcess start(Path dataDir, String name, List<String> jvmOptions,
			Map<String, String> environment, String... arguments) throws IOException {
		TasklensProcess server = launch(dataDir, name, jvmOptions, environment, arguments);
		server.awaitHealthy();
		return server;
	}

	/** Starts the server without waiting for it. */
	public static TasklensProcess launch(Path dataDir, String name, List<String> jvmOptions, String... arguments)
			throws IOException {
		return launch(dataDir, name, jvmOptions, Map.of(), arguments);
	}

	/** Starts the server, with {@code environment} added to the process's, without waiting for it. */
	public static TasklensProcess launch(Path dataDir, String name, List<String> jvmOptions,
			Map<String, String> environment, String... arguments) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), "app.tasklens.TasklensApplication",
				"--server.port=" + port, "--tasklens.data-dir=" + dataDir,
				"--tasklens.vision.models-dir=" + System.getProperty("tasklens.test.models-dir"),
				"--tasklens.vision.fetch-missing=false"));
		command.addAll(Arrays.asList(arguments));
		// In an argument file, not on the command line: ONNX Runtime 1.29 crashes (SIGSEGV) while it starts
		// when /proc/self/cmdline is longer than about 4 KB, and the class path alone is 19 KB.
		Path argumentFile = Files.write(dataDir.resolve(name + ".args"),
				command.stream().map(argument -> '"' + argument.replace("\\", "\\\\").replace("\"", "\\\"") + '"')
					.toList());
		String java = ProcessHandle.current().info().command().orElse("java");
		Path log = dataDir.resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(java, "@" + argumentFile)
			.directory(dataDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		return new TasklensProcess(process, port, log);
	}

	/**
	 * The JVM options of {@code ./tasklens} (its {@code default_opts}), with the crash log in {@code dataDir}
	 * as the launcher puts it: what a user who starts the server without {@code JAVA_OPTS} runs.
	 */
	public static List<String> launcherJvmOptions(Path dataDir) {
		try {
			Path launcher = Path.of(System.getProperty("user.dir"), "tasklens");
			String line = Files.readAllLines(launcher).stream()
				.filter(text -> text.startsWith("default_opts=("))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no default_opts=(…) line in " + launcher));
			List<String> options = new ArrayList<>(
					Arrays.asList(line.substring("default_opts=(".length(), line.lastIndexOf(')')).trim().split("\\s+")));
			options.add("-XX:ErrorFile=" + dataDir.resolve("hs_err_pid%p.log"));
			return options;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return port;
	}

	public Process process() {
		return process;
	}

	public String log() {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void awaitHealthy() {
		ApiClient api = new ApiClient(port);
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
			.failFast("the server exited", () -> !process.isAlive())
			.until(() -> api.get("/actuator/health").send().status() == 200);
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	/** SIGKILL: no shutdown hook, no flush, no lease given back. */
	public void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor();
	}

	/** SIGTERM, then the exit code once it stopped. */
	public int stop(Duration timeout) throws InterruptedException {
		process.destroy();
		assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("stopped within %s", timeout)
			.isTrue();
		return process.exitValue();
	}

	@Override
	public void close() throws InterruptedException {
		if (process.isAlive()) {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
	}
}
