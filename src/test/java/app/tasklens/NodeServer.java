package app.tasklens;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A protocol server of the tests that runs on Node.js from a committed folder under {@code tools/} (a
 * stand-in such as dynalite or s3rver): started on a free port, ready once its script prints a line with
 * "listening", stopped by its PID when the test JVM ends. {@code .ci/run} installs each folder with
 * {@code npm ci}; a missing install fails with what to run.
 */
public final class NodeServer {

	private final Process process;
	private final int port;

	private NodeServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Runs {@code node <script> <port> <arguments…>} in {@code tools}, which must have
	 * {@code node_modules/<module>}.
	 *
	 * @param what what the server stands in for, for messages ("the S3 stand-in")
	 */
	public static NodeServer start(Path tools, String module, String what, String script, String... arguments) {
		Path folder = tools.toAbsolutePath();
		if (!Files.isDirectory(folder.resolve("node_modules").resolve(module))) {
			throw new IllegalStateException(what + " is not installed: run 'npm ci' in " + folder
					+ " (Node.js 20 or newer; .ci/run does it)");
		}
		int port = freePort();
		List<String> command = new ArrayList<>(List.of("node", folder.resolve(script).toString(), Integer.toString(port)));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
			BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			// The script prints this line once the server accepts connections; reading it blocks until then.
			String line = output.readLine();
			if (line == null || !line.contains("listening")) {
				process.destroyForcibly();
				throw new IllegalStateException(what + " did not start: " + line);
			}
			Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), module + "-output");
			drain.setDaemon(true);
			drain.start();
			NodeServer server = new NodeServer(process, port);
			Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start node for " + what + ": install Node.js 20 or newer", ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return port;
	}

	private void stop() {
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
