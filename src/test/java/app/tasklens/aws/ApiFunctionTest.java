package app.tasklens.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import app.tasklens.Ids;

/**
 * The API function in-process, as Lambda runs it: API Gateway HTTP API events (payload 2.0) in, its JSON
 * responses out, the app on the DynamoDB stand-in. Counts the DynamoDB calls each request makes.
 */
class ApiFunctionTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static ApiFunction function;

	record Response(int status, Map<String, String> headers, JsonNode body, String text) {
	}

	@BeforeAll
	static void start() {
		AwsStage.set();
		function = new ApiFunction();
	}

	@Test
	void signUpSignInAndTasksFromCreateToDelete() {
		String token = signUpAndSignIn();

		Response created = call("POST", "/api/tasks", token, "{\"title\":\"Walk the dog\",\"body\":\"Around the park\"}");
		assertThat(created.status()).isEqualTo(201);
		String id = created.body().path("id").asString();
		Response read = call("GET", "/api/tasks/" + id, token, null);
		assertThat(read.body().path("title").asString()).isEqualTo("Walk the dog");
		Response patched = call("PATCH", "/api/tasks/" + id, token, "{\"done\":true}");
		assertThat(patched.body().path("done").asBoolean()).as(patched.toString()).isTrue();
		Response listed = call("GET", "/api/tasks?done=true", token, null);
		assertThat(listed.body().path("items")).extracting(item -> item.path("id").asString()).containsExactly(id);

		assertThat(call("DELETE", "/api/tasks/" + id, token, null).status()).isEqualTo(204);
		assertThat(call("GET", "/api/tasks/" + id, token, null).status()).isEqualTo(404);
	}

	@Test
	void anUploadRequestGivesTheAttachmentAndItsUploadUrl() {
		String token = signUpAndSignIn();
		String task = call("POST", "/api/tasks", token, "{\"title\":\"Photos\"}").body().path("id").asString();

		Response upload = call("POST", "/api/tasks/" + task + "/attachments", token,
				"{\"filename\":\"dog.jpg\",\"contentType\":\"image/jpeg\",\"size\":1234}");

		assertThat(upload.status()).isEqualTo(201);
		assertThat(upload.body().toString()).contains("PENDING_UPLOAD").contains("dog.jpg");
		assertThat(upload.body().findValue("url")).isNotNull();
	}

	@Test
	void aCallWithoutATokenIsUnauthorizedAsProblemJson() {
		Response response = call("GET", "/api/tasks", null, null);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.headers().get("Content-Type")).startsWith("application/problem+json");
		assertThat(response.body().path("detail").asString()).isEqualTo("a valid bearer token is required");
	}

	@Test
	void dynamoDbCallsPerRequestForListGetAndCreate() {
		String token = signUpAndSignIn();
		for (int i = 0; i < 3; i++) {
			call("POST", "/api/tasks", token, "{\"title\":\"task " + i + "\"}");
		}

		int mark = AwsCalls.mark();
		String id = call("POST", "/api/tasks", token, "{\"title\":\"counted\"}").body().path("id").asString();
		var create = AwsCalls.since(mark, "DynamoDB");
		mark = AwsCalls.mark();
		call("GET", "/api/tasks/" + id, token, null);
		var get = AwsCalls.since(mark, "DynamoDB");
		mark = AwsCalls.mark();
		call("GET", "/api/tasks", token, null);
		var list = AwsCalls.since(mark, "DynamoDB");
		mark = AwsCalls.mark();
		call("GET", "/api/tasks?label=dog", token, null);
		var byLabel = AwsCalls.since(mark, "DynamoDB");

		System.out.printf("DynamoDB calls per request: create %s, get %s, list %s, list by label %s%n", create, get, list,
				byLabel);
		// A bearer request reads its account (a deleted account's or an old password's tokens stop) at most once a
		// second per account (account.TokenGenerations), so these four requests read it once or twice in all.
		assertThat(withoutAccountRead(create)).containsExactly("PutItem");
		assertThat(withoutAccountRead(get)).containsExactly("GetItem");
		assertThat(withoutAccountRead(list)).containsExactly("Query");
		assertThat(withoutAccountRead(byLabel)).containsExactly("Query");
		assertThat(create.size() + get.size() + list.size() + byLabel.size()).isBetween(4, 8);
	}

	/** The calls of a request less the account read, which comes first when the request makes it. */
	private static java.util.List<String> withoutAccountRead(java.util.List<String> calls) {
		return calls.size() > 1 && calls.get(0).equals("GetItem") ? calls.subList(1, calls.size()) : calls;
	}

	@Test
	void accessKeysAreMadeListedAndRevokedInTheTable() {
		String token = signUpAndSignIn();

		Response created = call("POST", "/api/access-keys", token, null);
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		String id = created.body().path("accessKeyId").asString();
		assertThat(created.body().path("secretAccessKey").asString()).hasSize(40);
		assertThat(call("GET", "/api/access-keys", token, null).body().path("items"))
			.extracting(key -> key.path("accessKeyId").asString()).containsExactly(id);

		assertThat(call("DELETE", "/api/access-keys/" + id, token, null).status()).isEqualTo(204);
		assertThat(call("GET", "/api/access-keys", token, null).body().path("items").isEmpty()).isTrue();
	}

	static String signUpAndSignIn() {
		String name = "user" + Ids.random().replaceAll("[^A-Za-z0-9]", "").substring(0, 10);
		String credentials = "{\"username\":\"" + name + "\",\"password\":\"correct horse battery\"}";
		assertThat(call("POST", "/api/users", null, credentials).status()).isEqualTo(201);
		Response token = call("POST", "/api/token", null, credentials);
		assertThat(token.status()).isEqualTo(200);
		return token.body().path("token").asString();
	}

	@Test
	void myTasksPollsForLabelsBecauseNoEventStreamStaysOpenBehindApiGateway() {
		String name = "user" + Ids.random().replaceAll("[^A-Za-z0-9]", "").substring(0, 10);
		call("POST", "/api/users", null, "{\"username\":\"" + name + "\",\"password\":\"correct horse battery\"}");
		Response login = call("GET", "/login", null, null);
		String cookie = cookie(login);
		String csrf = login.text().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");

		Response signedIn = call("POST", "/login", null, "username=" + name + "&password=correct+horse+battery&_csrf=" + csrf,
				Map.of("cookie", cookie, "content-type", "application/x-www-form-urlencoded"));
		assertThat(signedIn.status()).isEqualTo(302);
		assertThat(signedIn.headers().get("Location")).doesNotContain("error");
		Response page = call("GET", "/", null, null, Map.of("cookie", cookie(signedIn)));

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.text()).contains("data-poll=\"3000\"").doesNotContain("data-events");
	}

	private static String cookie(Response response) {
		String setCookie = response.headers().get("Set-Cookie");
		assertThat(setCookie).as("a session cookie").isNotNull();
		return setCookie.substring(0, setCookie.indexOf(';'));
	}

	static Response call(String method, String pathAndQuery, String token, String body) {
		return call(method, pathAndQuery, token, body, Map.of());
	}

	/** One request as API Gateway hands it to the function. */
	static Response call(String method, String pathAndQuery, String token, String body, Map<String, String> extraHeaders) {
		ObjectNode event = (ObjectNode) read("/aws/events/http-api-v2.json");
		String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
		String query = pathAndQuery.contains("?") ? pathAndQuery.substring(pathAndQuery.indexOf('?') + 1) : "";
		event.put("rawPath", path).put("rawQueryString", query);
		ObjectNode http = (ObjectNode) event.path("requestContext").path("http");
		http.put("method", method).put("path", path);
		ObjectNode headers = (ObjectNode) event.path("headers");
		if (token != null) {
			headers.put("authorization", "Bearer " + token);
		}
		if (body != null) {
			headers.put("content-type", extraHeaders.getOrDefault("content-type", "application/json"));
			headers.put("content-length", Integer.toString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
			event.put("body", body);
		}
		extraHeaders.forEach((name, value) -> {
			if (name.equals("cookie")) {
				event.putArray("cookies").add(value);
			}
			else {
				headers.put(name, value);
			}
		});
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			function.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out,
					new TestLambdaContext("tasklens-ApiFunction"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		JsonNode response = JSON.readTree(out.toByteArray());
		Map<String, String> responseHeaders = new java.util.HashMap<>();
		response.path("headers").properties().forEach(entry -> responseHeaders.put(entry.getKey(), entry.getValue().asString()));
		// Payload 2.0 answers cookies in a list of their own.
		response.path("cookies").values().forEach(value -> responseHeaders.putIfAbsent("Set-Cookie", value.asString()));
		response.path("multiValueHeaders").properties()
			.forEach(entry -> responseHeaders.putIfAbsent(entry.getKey(), entry.getValue().path(0).asString()));
		String text = response.path("body").asString("");
		if (response.path("isBase64Encoded").asBoolean()) {
			text = new String(java.util.Base64.getDecoder().decode(text), java.nio.charset.StandardCharsets.UTF_8);
		}
		String type = responseHeaders.getOrDefault("Content-Type", "");
		JsonNode json = text.isBlank() || !type.contains("json") ? JSON.createObjectNode() : JSON.readTree(text);
		return new Response(response.path("statusCode").asInt(), responseHeaders, json, text);
	}

	static JsonNode read(String resource) {
		try (InputStream in = ApiFunctionTest.class.getResourceAsStream(resource)) {
			return JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
