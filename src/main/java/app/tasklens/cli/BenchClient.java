package app.tasklens.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.json.JsonMapper;

/** The benchmarks' setup calls to a server they started: a new user and its token, JSON requests. */
final class BenchClient {

	static final JsonMapper JSON = JsonMapper.builder().build();
	static final HttpClient HTTP = HttpClient.newHttpClient();

	private BenchClient() {
	}

	/** Signs a new user up and returns a bearer token for it. */
	static String signUp(URI base) throws Exception {
		String credentials = "{\"username\":\"bench-" + Long.toString(System.nanoTime(), 36)
				+ "\",\"password\":\"bench-password-1\"}";
		send(base, "POST", "/api/users", null, credentials);
		return JSON.readTree(send(base, "POST", "/api/token", null, credentials)).get("token").asString();
	}

	/** A JSON request; the response body, or an exception when the answer is not 2xx. */
	static String send(URI base, String method, String path, String token, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(json));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}
}
