package app.tasklens.adapter.rekognition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Amazon Rekognition's endpoint that answers AWS JSON 1.1 requests with the documented
 * responses in {@code src/test/resources/rekognition} (see its README) and keeps the requests it got, so a
 * test sees what the SDK sent over the wire. Real HTTP, the real SDK; only the answers are canned.
 */
public final class DocumentedRekognition implements AutoCloseable {

	record Received(String target, String body) {
	}

	private final HttpServer server;
	private final Map<String, String> answers = new ConcurrentHashMap<>();
	private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
	final List<Received> received = new CopyOnWriteArrayList<>();

	public DocumentedRekognition() {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		server.createContext("/", exchange -> {
			String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
			String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
			received.add(new Received(operation, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
			byte[] body = answers.getOrDefault(operation, "{}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
			exchange.sendResponseHeaders(statuses.getOrDefault(operation, 200), body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		answer("DetectLabels", 200, "detect-labels.json");
		answer("DetectText", 200, "detect-text.json");
	}

	void answer(String operation, int status, String resource) {
		try (InputStream in = DocumentedRekognition.class.getResourceAsStream("/rekognition/" + resource)) {
			answers.put(operation, new String(in.readAllBytes(), StandardCharsets.UTF_8));
			statuses.put(operation, status);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
