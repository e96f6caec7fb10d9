package app.tasklens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * HAProxy from Debian ({@code /usr/sbin/haproxy}, {@code .ci/run} installs it) in front of Tasklens nodes on
 * 127.0.0.1: round robin, a node out of the rotation once its {@code /actuator/health} fails twice, settings
 * for event streams, a sticky cookie for browsers (the tests' clients send no cookies, so they go round
 * robin). The configuration is the one the README's "Load balancer" shows, written to
 * {@code <folder>/haproxy.cfg}; HAProxy runs in the foreground as this JVM's child and is stopped by its PID.
 */
public final class LoadBalancer implements AutoCloseable {

	private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");

	private final Process process;
	private final int port;

	private LoadBalancer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/** Starts HAProxy on a free port in front of {@code nodePorts} and waits until it accepts connections. */
	public static LoadBalancer start(Path folder, List<Integer> nodePorts) throws IOException, InterruptedException {
		if (!Files.isExecutable(HAPROXY)) {
			throw new IllegalStateException("HAProxy is not installed: apt-get install haproxy (.ci/run does it)");
		}
		int port = freePort();
		Path config = Files.writeString(folder.resolve("haproxy.cfg"), config(port, nodePorts));
		Process process = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", config.toString())
			.redirectErrorStream(true)
			.redirectOutput(folder.resolve("haproxy.log").toFile())
			.start();
		LoadBalancer balancer = new LoadBalancer(process, port);
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!balancer.accepts()) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				balancer.close();
				throw new IllegalStateException("HAProxy did not start: " + Files.readString(folder.resolve("haproxy.log")));
			}
			Thread.sleep(50);
		}
		return balancer;
	}

	/**
	 * The README's configuration. Event streams: HAProxy passes a response on as it comes (no buffering to
	 * turn off); {@code timeout server} and {@code timeout client} must outlast the 20 s between a stream's
	 * keep-alive comments, or HAProxy cuts idle streams. A node that refuses the connection (dead) is retried
	 * on the other ({@code retries}, {@code option redispatch}) until the health check takes it out.
	 */
	static String config(int port, List<Integer> nodePorts) {
		String servers = IntStream.range(0, nodePorts.size())
			.mapToObj(i -> "    server node" + (i + 1) + " 127.0.0.1:" + nodePorts.get(i)
					+ " check inter 1s fall 2 rise 2 cookie node" + (i + 1))
			.collect(Collectors.joining("\n"));
		return """
				global
				    maxconn 1000

				defaults
				    mode http
				    option forwardfor
				    retries 3
				    option redispatch
				    timeout connect 5s
				    timeout client 1h
				    timeout server 1h
				    timeout tunnel 1h
				    timeout http-request 30s
				    timeout http-keep-alive 10s

				frontend tasklens
				    bind 127.0.0.1:%d
				    default_backend nodes

				backend nodes
				    balance roundrobin
				    cookie TASKLENS_NODE insert indirect nocache httponly
				    option httpchk GET /actuator/health
				    http-check expect status 200
				%s
				""".formatted(port, servers);
	}

	public int port() {
		return port;
	}

	/** HAProxy's own process (not a shell around it): what {@link #close} stops. */
	public long pid() {
		return process.pid();
	}

	private boolean accepts() {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
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

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(10, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
		}
	}
}
