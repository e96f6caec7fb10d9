package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of a running Tasklens over real HTTP, so that API tests read as stories:
 * {@code User alice = api.signUp("alice"); JsonNode task = api.createTask(alice, "Buy milk");}.
 * The story steps assert their own success; {@link #get}, {@link #post}… send anything and let the test
 * look at the answer. Other features' tests reuse it (new steps belong here, next to these).
 */
public final class ApiClient {

	/** The password of every user made by {@link #signUp(String)}. */
	public static final String PASSWORD = "correct horse battery";

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final AtomicLong NAMES = new AtomicLong();

	private final URI base;
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	public ApiClient(int port) {
		this.base = URI.create("http://localhost:" + port);
	}

	/** A signed-up user and a bearer token of theirs. */
	public record User(String id, String username, String password, String token) {
	}

	/** An answer: status, headers and body as text, with the body as JSON on demand. */
	public record Response(int status, java.net.http.HttpHeaders headers, String body) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

		public Optional<String> header(String name) {
			return headers.firstValue(name);
		}

		public String contentType() {
			return header("Content-Type").orElse("");
		}

		/** Asserts the status, and that an error is an RFC 9457 problem of that status. */
		public Response expect(int expected) {
			assertThat(status).as("status of a response with body %s", body).isEqualTo(expected);
			if (expected >= 400) {
				assertThat(contentType()).startsWith("application/problem+json");
				assertThat(json().path("status").asInt()).isEqualTo(expected);
				assertThat(json().path("title").isString()).isTrue();
			}
			return this;
		}

		/** The {@code field}s named by a problem's {@code errors}. */
		public List<String> errorFields() {
			List<String> fields = new ArrayList<>();
			json().path("errors").forEach(error -> fields.add(error.path("field").asString()));
			return fields;
		}
	}

	/**
	 * A username no other test uses, such as {@code alice-3-l9x2k}: tests share one application (see
	 * {@link ApiIntegrationTest}), so each signs up users of its own.
	 */
	public static String unique(String name) {
		return name + "-" + NAMES.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
	}

	// The story steps.

	/** Signs up {@code username} with {@link #PASSWORD} and signs in. */
	public User signUp(String username) {
		JsonNode account = post("/api/users").json(Map.of("username", username, "password", PASSWORD)).send()
			.expect(201).json();
		return new User(account.path("id").asString(), username, PASSWORD, token(username, PASSWORD));
	}

	public String token(String username, String password) {
		return post("/api/token").json(Map.of("username", username, "password", password)).send().expect(200).json()
			.path("token").asString();
	}

	public JsonNode createTask(User user, String title) {
		return createTask(user, Map.of("title", title));
	}

	public JsonNode createTask(User user, Map<String, ?> fields) {
		return post("/api/tasks").as(user).json(fields).send().expect(201).json();
	}

	public JsonNode task(User user, String id) {
		return get("/api/tasks/" + id).as(user).send().expect(200).json();
	}

	public JsonNode changeTask(User user, String id, Map<String, ?> fields) {
		return patch("/api/tasks/" + id).as(user).json(fields).send().expect(200).json();
	}

	public void deleteTask(User user, String id) {
		delete("/api/tasks/" + id).as(user).send().expect(204);
	}

	/** Every task the list shows for {@code query} (such as {@code "done=true&limit=5"}), page after page. */
	public List<JsonNode> allTasks(User user, String query) {
		List<JsonNode> tasks = new ArrayList<>();
		String cursor = null;
		do {
			String path = "/api/tasks?" + query + (cursor == null ? "" : "&cursor=" + cursor);
			JsonNode page = get(path).as(user).send().expect(200).json();
			page.path("items").forEach(tasks::add);
			cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
		}
		while (cursor != null);
		return tasks;
	}

	// Any request.

	public Request get(String path) {
		return new Request("GET", path);
	}

	public Request post(String path) {
		return new Request("POST", path);
	}

	public Request patch(String path) {
		return new Request("PATCH", path);
	}

	public Request put(String path) {
		return new Request("PUT", path);
	}

	public Request delete(String path) {
		return new Request("DELETE", path);
	}

	public final class Request {

		private final String method;
		private final String path;
		private final Map<String, String> headers = new LinkedHashMap<>();
		private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

		private Request(String method, String path) {
			this.method = method;
			this.path = path;
		}

		public Request as(User user) {
			return bearer(user.token());
		}

		public Request bearer(String token) {
			return header("Authorization", "Bearer " + token);
		}

		public Request header(String name, String value) {
			headers.put(name, value);
			return this;
		}

		/** {@code value} as a JSON document: a map, a record, or a String that is sent as it is. */
		public Request json(Object value) {
			String text = value instanceof String raw ? raw : JSON.writeValueAsString(value);
			return body("application/json", text);
		}

		public Request body(String contentType, String text) {
			header("Content-Type", contentType);
			body = HttpRequest.BodyPublishers.ofString(text);
			return this;
		}

		/** {@code bytes} as the body, with their Content-Length. */
		public Request bytes(String contentType, byte[] bytes) {
			header("Content-Type", contentType);
			body = HttpRequest.BodyPublishers.ofByteArray(bytes);
			return this;
		}

		/** Sends the body in chunks, without Content-Length, as a streaming client would. */
		public Request chunked(String contentType, byte[] bytes) {
			header("Content-Type", contentType);
			body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
			return this;
		}

		public Response send() {
			HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
				.method(method, body);
			headers.forEach(request::header);
			try {
				HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				return new Response(response.statusCode(), response.headers(), response.body());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(method + " " + path, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}
}
