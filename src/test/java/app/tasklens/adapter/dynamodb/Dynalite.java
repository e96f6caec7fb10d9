package app.tasklens.adapter.dynamodb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A stand-in for DynamoDB in tests: dynalite, a DynamoDB-API server from npm, behind
 * {@code tools/aws/dynalite-transactions.js}, which adds TransactWriteItems. One server per test JVM,
 * started on a free port on first use and stopped by its PID when the JVM ends; each test uses tables of
 * its own. {@code .ci/run} installs it ({@code npm ci} in {@code tools/aws}).
 */
public final class Dynalite {

	private static Dynalite instance;

	private final Process process;
	private final URI endpoint;

	private Dynalite(Process process, URI endpoint) {
		this.process = process;
		this.endpoint = endpoint;
	}

	public static synchronized Dynalite get() {
		if (instance == null) {
			instance = start();
			Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
		}
		return instance;
	}

	private static Dynalite start() {
		Path tools = Path.of("tools/aws").toAbsolutePath();
		Path script = tools.resolve("dynalite-transactions.js");
		if (!Files.isDirectory(tools.resolve("node_modules/dynalite"))) {
			throw new IllegalStateException("the DynamoDB stand-in is not installed: run 'npm ci' in " + tools
					+ " (Node.js 20 or newer; .ci/run does it)");
		}
		int port = freePort();
		try {
			Process process = new ProcessBuilder("node", script.toString(), Integer.toString(port))
				.directory(tools.toFile())
				.redirectErrorStream(true)
				.start();
			BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			// The server prints this line once it accepts connections; reading it blocks until then.
			String line = output.readLine();
			if (line == null || !line.contains("listening")) {
				process.destroyForcibly();
				throw new IllegalStateException("the DynamoDB stand-in did not start: " + line);
			}
			Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), "dynalite-output");
			drain.setDaemon(true);
			drain.start();
			return new Dynalite(process, URI.create("http://127.0.0.1:" + port));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start node for the DynamoDB stand-in: install Node.js 20 or newer", ex);
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

	public URI endpoint() {
		return endpoint;
	}

	/** A client of the stand-in; any credentials do. */
	public DynamoDbClient client() {
		return DynamoDbClient.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.build();
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
