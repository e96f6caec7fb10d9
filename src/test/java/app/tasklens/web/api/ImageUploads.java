package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiClient.Response;
import app.tasklens.web.api.ApiClient.User;

/**
 * The attachment steps of an API story, over real HTTP: {@code attach} asks for an upload target, sends
 * the bytes to it and says it is done, {@code awaitStatus} polls until labeling got somewhere.
 */
public final class ImageUploads {

	private final ApiClient api;
	private final int port;
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	public ImageUploads(ApiClient api, int port) {
		this.api = api;
		this.port = port;
	}

	/** {@code POST /api/tasks/{task}/attachments}: the pending attachment and its upload. */
	Response request(User user, String taskId, String filename, String contentType, Long size) {
		Map<String, Object> body = new HashMap<>();
		body.put("filename", filename);
		body.put("contentType", contentType);
		if (size != null) {
			body.put("size", size);
		}
		return api.post("/api/tasks/" + taskId + "/attachments").as(user).json(body).send();
	}

	/** Sends {@code bytes} as the upload answer of {@link #request} says (method, URL, headers). */
	Response upload(JsonNode created, byte[] bytes) {
		JsonNode upload = created.path("upload");
		assertThat(upload.path("method").asString()).isEqualTo("PUT");
		ApiClient.Request put = api.put(upload.path("url").asString())
			.bytes(upload.path("headers").path("Content-Type").asString(), bytes);
		// A bucket's presigned PUT signs more headers (If-None-Match); the local store's names only the type.
		upload.path("headers").properties().stream().filter(header -> !header.getKey().equals("Content-Type"))
			.forEach(header -> put.header(header.getKey(), header.getValue().asString()));
		return put.send();
	}

	/** {@code POST …/complete}: the client's word that the bytes were sent. */
	Response complete(User user, JsonNode created) {
		return api.post(created.path("attachment").path("links").path("complete").asString()).as(user).send();
	}

	/** Requests an upload target, uploads and completes; the stored attachment. */
	public JsonNode attach(User user, String taskId, String filename, String contentType, byte[] bytes) {
		JsonNode created = request(user, taskId, filename, contentType, (long) bytes.length).expect(201).json();
		upload(created, bytes).expect(200);
		return complete(user, created).expect(200).json();
	}

	JsonNode get(User user, String taskId, String attachmentId) {
		return api.get(path(taskId, attachmentId)).as(user).send().expect(200).json();
	}

	List<JsonNode> list(User user, String taskId) {
		List<JsonNode> items = new ArrayList<>();
		api.get("/api/tasks/" + taskId + "/attachments").as(user).send().expect(200).json().path("items")
			.forEach(items::add);
		return items;
	}

	/** Asks for the attachment until its status is one of {@code statuses}. */
	JsonNode awaitStatus(User user, String taskId, String attachmentId, Set<String> statuses, Duration timeout) {
		return await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> get(user, taskId, attachmentId),
				attachment -> statuses.contains(attachment.path("status").asString()));
	}

	/** A task "Walk the dog" of {@code user} with darknet's dog.jpg attached and labeled; the attachment's id. */
	public String labeledDogPhoto(User user) {
		String task = api.createTask(user, "Walk the dog").path("id").asString();
		String attachment = attach(user, task, "dog.jpg", "image/jpeg", TestImages.darknet("dog.jpg")).path("id").asString();
		awaitLabels(user, task, attachment);
		return attachment;
	}

	public JsonNode awaitLabels(User user, String taskId, String attachmentId) {
		JsonNode attachment = awaitStatus(user, taskId, attachmentId, Set.of("LABELED", "FAILED"), Duration.ofSeconds(60));
		assertThat(attachment.path("status").asString()).as("error %s", attachment.path("error")).isEqualTo("LABELED");
		return attachment;
	}

	static List<String> labelNames(JsonNode attachment) {
		List<String> names = new ArrayList<>();
		attachment.path("labels").forEach(label -> names.add(label.path("name").asString()));
		return names;
	}

	static String path(String taskId, String attachmentId) {
		return "/api/tasks/" + taskId + "/attachments/" + attachmentId;
	}

	/** A GET whose body is bytes (an image), with a bearer token. */
	HttpResponse<byte[]> download(User user, String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer " + user.token())
			.timeout(Duration.ofSeconds(30))
			.build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
