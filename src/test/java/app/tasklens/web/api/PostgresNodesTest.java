package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import javax.crypto.SecretKey;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.tasklens.LiveEventLog;
import app.tasklens.TasklensApplication;
import app.tasklens.adapter.jdbc.PostgresServer;
import app.tasklens.web.api.ApiClient.User;
import tools.jackson.databind.JsonNode;

/**
 * Two nodes, each with a data folder of its own, on one PostgreSQL database: the keys are in the database, so
 * a token or a cursor one node made works on the other. Node A was upgraded from a version that kept its
 * token key in {@code <data>/keys/}: that key was imported, so its old tokens stay valid. Of first sign-ups
 * at the same moment on both nodes exactly one becomes the admin.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresNodesTest {

	private static final PostgresServer POSTGRES = PostgresServer.get();
	private static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
	private static final Pattern META_CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");
	private static final byte[] OLD_TOKEN_KEY = new byte[32];

	private static String database;
	private static ConfigurableApplicationContext nodeA;
	private static ConfigurableApplicationContext nodeB;

	@BeforeAll
	static void twoNodesOnOneDatabase() throws Exception {
		database = POSTGRES.newEmptyDatabase();
		Path upgraded = ApiIntegrationTest.FreshDataDir.newDataDir();
		Arrays.fill(OLD_TOKEN_KEY, (byte) 42);
		Files.createDirectories(upgraded.resolve("keys"));
		Files.write(upgraded.resolve("keys/jwt-hs256.key"), OLD_TOKEN_KEY);
		nodeA = start(upgraded);
		nodeB = start(ApiIntegrationTest.FreshDataDir.newDataDir());
	}

	@AfterAll
	static void stop() {
		for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] { nodeA, nodeB }) {
			if (node != null) {
				node.close();
			}
		}
		if (database != null) {
			POSTGRES.dropDatabase(database);
		}
	}

	/** First, while the database has no account: bcrypt takes long enough for all of them to see none. */
	@Test
	@Order(0)
	void ofFirstSignUpsAtTheSameMomentOnBothNodesExactlyOneIsTheAdmin() throws Exception {
		int signUps = 6;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(signUps);
		try {
			List<Future<Integer>> statuses = IntStream.range(0, signUps).mapToObj(n -> pool.submit(() -> {
				start.await();
				return client(n % 2 == 0 ? nodeA : nodeB).post("/api/users")
					.json(Map.of("username", ApiClient.unique("first" + n), "password", ApiClient.PASSWORD)).send()
					.status();
			})).toList();
			start.countDown();
			for (Future<Integer> status : statuses) {
				assertThat(status.get()).as("every sign-up is made").isEqualTo(201);
			}
		}
		finally {
			pool.shutdownNow();
		}

		try (HikariDataSource direct = POSTGRES.dataSource(database, 2)) {
			JdbcClient sql = JdbcClient.create(direct);
			assertThat(sql.sql("SELECT COUNT(*) FROM users").query(Long.class).single()).isEqualTo(signUps);
			assertThat(sql.sql("SELECT COUNT(*) FROM users WHERE admin").query(Long.class).single()).isEqualTo(1);
		}
	}

	@Test
	void aTokenMadeByOneNodeWorksOnTheOther() {
		ApiClient a = client(nodeA);
		ApiClient b = client(nodeB);
		User alice = a.signUp(ApiClient.unique("alice"));
		a.createTask(alice, "Buy milk");

		assertThat(b.allTasks(alice, "limit=10")).extracting(task -> task.path("title").asString())
			.containsExactly("Buy milk");
		String fromB = b.token(alice.username(), alice.password());
		a.get("/api/tasks").bearer(fromB).send().expect(200);
		b.get("/api/tasks").bearer("x" + fromB).send().expect(401);
	}

	@Test
	void aCursorMadeByOneNodeOpensTheNextPageOnTheOther() {
		ApiClient a = client(nodeA);
		ApiClient b = client(nodeB);
		User bob = a.signUp(ApiClient.unique("bob"));
		for (String title : List.of("one", "two", "three")) {
			a.createTask(bob, title);
		}
		List<String> titles = new ArrayList<>();
		JsonNode page = a.get("/api/tasks?limit=1").as(bob).send().expect(200).json();
		page.path("items").forEach(task -> titles.add(task.path("title").asString()));
		for (ApiClient next : List.of(b, a)) {
			String cursor = page.path("nextCursor").asString();
			page = next.get("/api/tasks?limit=1&cursor=" + cursor).as(bob).send().expect(200).json();
			page.path("items").forEach(task -> titles.add(task.path("title").asString()));
		}

		assertThat(titles).containsExactly("three", "two", "one");
	}

	/** Over real sockets from loopback: both nodes see the same client address and count in one table. */
	@Test
	void wrongPasswordsSpreadOverBothNodesAreCountedTogether() {
		User carol = client(nodeA).signUp(ApiClient.unique("carol"));
		for (int i = 1; i <= 5; i++) {
			client(i % 2 == 0 ? nodeA : nodeB).post("/api/token")
				.json(Map.of("username", carol.username(), "password", "wrong password")).send().expect(401);
		}

		for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
			client(node).post("/api/token").json(Map.of("username", carol.username(), "password", ApiClient.PASSWORD))
				.send().expect(429);
		}
	}

	/** The event travels through live_events: node A appends it, node B polls it (every 100 ms) into dave's stream. */
	@Test
	void aStreamOnOneNodeHearsOfATaskCreatedThroughTheOther() throws Exception {
		User dave = client(nodeA).signUp(ApiClient.unique("dave"));
		try (EventStream onB = EventStream.open(URI.create("http://localhost:" + port(nodeB) + "/api/events"),
				Map.of("Authorization", "Bearer " + dave.token()))) {
			assertThat(onB.status()).isEqualTo(200);
			long sent = System.nanoTime();
			String task = client(nodeA).createTask(dave, "Seen on B").path("id").asString();

			EventStream.Event event = onB.next("task", Duration.ofSeconds(5));
			assertThat(event.json().path("taskId").asString()).isEqualTo(task);
			assertThat(event.json().path("change").asString()).isEqualTo("created");
			assertThat(Duration.ofNanos(event.receivedNanos() - sent)).as("from the POST on A to the event on B")
				.isLessThan(Duration.ofSeconds(2));
		}
	}

	/**
	 * Event ids are the shared log's sequence: a stream that reconnects through the load balancer to the other node
	 * gets, from the table, what was made on both nodes while it was away, in order and once, then what follows.
	 */
	@Test
	void aStreamThatReconnectsToTheOtherNodeCatchesUpWithLastEventId() throws Exception {
		User erin = client(nodeA).signUp(ApiClient.unique("erin"));
		String lastSeen;
		String fromB;
		String fromA;
		// Another tab stays open, so that each event is in the table (appended after the response) before the next.
		try (EventStream otherTab = stream(nodeA, erin, null)) {
			try (EventStream onA = stream(nodeA, erin, null)) {
				client(nodeA).createTask(erin, "Seen on A");
				lastSeen = onA.next("task", Duration.ofSeconds(10)).id();
				otherTab.next("task", Duration.ofSeconds(10));
			}
			fromB = client(nodeB).createTask(erin, "Made on B while away").path("id").asString();
			otherTab.next("task", Duration.ofSeconds(10));
			fromA = client(nodeA).createTask(erin, "Made on A while away").path("id").asString();
			otherTab.next("task", Duration.ofSeconds(10));
		}

		try (EventStream onB = stream(nodeB, erin, lastSeen)) {
			assertThat(taskOf(onB.next(Duration.ofSeconds(10)))).isEqualTo("task " + fromB + " created");
			assertThat(taskOf(onB.next(Duration.ofSeconds(10)))).isEqualTo("task " + fromA + " created");
			assertThat(onB.next(Duration.ofMillis(500))).as("nothing twice").isNull();
			String after = client(nodeA).createTask(erin, "Made on A after").path("id").asString();
			assertThat(taskOf(onB.next(Duration.ofSeconds(10)))).isEqualTo("task " + after + " created");
		}
	}

	/** The log keeps 10 minutes; an id from before what it keeps cannot be caught up on, on any node. */
	@Test
	void anIdOlderThanTheLogKeepsGivesReset() throws Exception {
		User fay = client(nodeA).signUp(ApiClient.unique("fay"));
		String lastSeen;
		try (EventStream onA = stream(nodeA, fay, null)) {
			client(nodeA).createTask(fay, "Seen on A");
			lastSeen = onA.next("task", Duration.ofSeconds(10)).id();
			// The event is appended after the response; once a stream has it, it is in the table to be forgotten.
			client(nodeA).createTask(fay, "Missed");
			onA.next("task", Duration.ofSeconds(10));
		}
		nodeB.getBean(LiveEventLog.class).forgetBefore(Instant.now().plusSeconds(1));

		for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
			try (EventStream reconnected = stream(node, fay, lastSeen)) {
				assertThat(reconnected.next(Duration.ofSeconds(10))).as("a reset").isNotNull()
					.extracting(EventStream.Event::name).isEqualTo("reset");
			}
		}
		try (EventStream forged = stream(nodeB, fay, "AAAAAAAAAAAAAAAAAAAAAA")) {
			assertThat(forged.next(Duration.ofSeconds(10))).as("an id no node made").isNotNull()
				.extracting(EventStream.Event::name).isEqualTo("reset");
		}
	}

	/**
	 * The UI's session is in the database: a browser signed in through node A's form (with its CSRF token) is signed
	 * in on node B, which takes A's CSRF token too; signing out on B signs it out on A. Tomcat's sessions (per node)
	 * fail at the first page on B.
	 */
	@Test
	void aBrowserSignedInThroughOneNodeIsSignedInOnTheOther() throws Exception {
		User gus = client(nodeA).signUp(ApiClient.unique("gus"));
		String task = client(nodeA).createTask(gus, "Seen through B").path("id").asString();
		// Cookies belong to the host, not the port: the browser sends A's cookie to B, as behind one load balancer.
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String formToken = find(HIDDEN_CSRF, page(browser, nodeA, "/login").body());
		HttpResponse<String> signIn = browser.send(HttpRequest.newBuilder(URI.create(base(nodeA) + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + encode(gus.username()) + "&password="
					+ encode(gus.password()) + "&_csrf=" + encode(formToken)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signIn.statusCode()).isEqualTo(302);
		assertThat(signIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
		String pageToken = find(META_CSRF, page(browser, nodeA, "/").body());

		HttpResponse<String> onB = page(browser, nodeB, "/");
		assertThat(onB.statusCode()).as("node B's page, not its sign-in").isEqualTo(200);
		assertThat(onB.body()).contains("Seen through B");
		HttpResponse<String> attached = browser.send(HttpRequest.newBuilder(URI.create(base(nodeB) + "/tasks/" + task
				+ "/attachments"))
			.header("Content-Type", "application/json")
			.header("X-CSRF-TOKEN", pageToken)
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"filename\":\"dog.jpg\",\"contentType\":\"image/jpeg\",\"size\":1000}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(attached.statusCode()).as("node A's CSRF token on node B").isEqualTo(201);

		HttpResponse<String> signOut = browser.send(HttpRequest.newBuilder(URI.create(base(nodeB) + "/logout"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + encode(pageToken)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signOut.headers().firstValue("Location").orElseThrow()).endsWith("/login?signedOut");
		HttpResponse<String> afterwards = page(browser, nodeA, "/");
		assertThat(afterwards.statusCode()).isEqualTo(302);
		assertThat(afterwards.headers().firstValue("Location").orElseThrow()).endsWith("/login");
	}

	private static HttpResponse<String> page(HttpClient browser, ConfigurableApplicationContext node, String path)
			throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(base(node) + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static String find(Pattern pattern, String html) {
		Matcher matcher = pattern.matcher(html);
		assertThat(matcher.find()).as("%s in %s", pattern, html).isTrue();
		return matcher.group(1);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String base(ConfigurableApplicationContext node) {
		return "http://localhost:" + port(node);
	}

	private static EventStream stream(ConfigurableApplicationContext node, User user, String lastEventId)
			throws Exception {
		Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + user.token()));
		if (lastEventId != null) {
			headers.put("Last-Event-ID", lastEventId);
		}
		EventStream stream = EventStream.open(URI.create("http://localhost:" + port(node) + "/api/events"), headers);
		assertThat(stream.status()).isEqualTo(200);
		return stream;
	}

	private static String taskOf(EventStream.Event event) {
		assertThat(event).as("an event").isNotNull();
		return event.name() + " " + event.json().path("taskId").asString() + " " + event.json().path("change").asString();
	}

	@Test
	void theUpgradedNodesKeyFileBecameEveryNodesKey() {
		assertThat(nodeA.getBean(SecretKey.class).getEncoded()).isEqualTo(OLD_TOKEN_KEY);
		assertThat(nodeB.getBean(SecretKey.class).getEncoded()).isEqualTo(OLD_TOKEN_KEY);
	}

	private static ConfigurableApplicationContext start(Path dataDir) {
		Map<String, String> environment = POSTGRES.environment(database);
		return new SpringApplicationBuilder(TasklensApplication.class).run("--tasklens.data-dir=" + dataDir,
				"--server.port=0", "--tasklens.labeling.background=false",
				"--tasklens.database.url=" + environment.get("TASKLENS_DATABASE_URL"),
				"--tasklens.database.username=" + PostgresServer.USER,
				"--tasklens.database.password=" + PostgresServer.PASSWORD, "--tasklens.database.pool-size=3");
	}

	private static ApiClient client(ConfigurableApplicationContext context) {
		return new ApiClient(port(context));
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}
}
