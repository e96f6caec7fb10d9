package app.tasklens.web.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A Server-Sent Events client for tests: the events of one stream, in order, as they arrive. */
final class EventStream implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	record Event(String id, String name, String data, long receivedNanos) {

		JsonNode json() {
			return JSON.readTree(data);
		}
	}

	private final HttpResponse<Stream<String>> response;
	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
	private final Thread reader;

	private EventStream(HttpResponse<Stream<String>> response) {
		this.response = response;
		this.reader = new Thread(this::read, "sse-test-reader");
		reader.setDaemon(true);
		reader.start();
	}

	/** Connects and returns once the server answered (the stream is then subscribed). */
	static EventStream open(URI uri, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
		headers.forEach(request::header);
		HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
			.send(request.build(), HttpResponse.BodyHandlers.ofLines());
		return new EventStream(response);
	}

	int status() {
		return response.statusCode();
	}

	String contentType() {
		return response.headers().firstValue("Content-Type").orElse("");
	}

	/** The next event, or {@code null} after {@code timeout}. */
	Event next(Duration timeout) throws InterruptedException {
		return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The next event named {@code name}, skipping others; fails after {@code timeout}. */
	Event next(String name, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
			if (event == null) {
				throw new AssertionError("no '" + name + "' event within " + timeout);
			}
			if (event.name().equals(name)) {
				return event;
			}
		}
	}

	private void read() {
		String id = null, name = "message";
		StringBuilder data = new StringBuilder();
		try (Stream<String> lines = response.body()) {
			for (String line : (Iterable<String>) lines::iterator) {
				if (line.isEmpty()) {
					if (data.length() > 0) {
						events.add(new Event(id, name, data.toString(), System.nanoTime()));
					}
					id = null;
					name = "message";
					data.setLength(0);
				}
				else if (line.startsWith("id:")) {
					id = line.substring(3).strip();
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).strip();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5).strip());
				}
			}
		}
		catch (RuntimeException ex) {
			// The stream was closed by the test or the server.
		}
	}

	@Override
	public void close() {
		reader.interrupt();
		response.body().close();
	}
}
