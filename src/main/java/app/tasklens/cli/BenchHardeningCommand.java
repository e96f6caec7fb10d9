package app.tasklens.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * {@code ./tasklens bench-hardening}: the red team's attacks replayed, each against a server of its own started
 * from this jar (or from another build's, {@code --jar}, to compare before and after) with its default
 * settings and a new data folder; each case prints what it must show (the server stays up and answers clear
 * 4xx/503/507) and what it showed.
 * <ol>
 * <li>six 44-byte WebP files that declare 10000 × 5000 pixels, uploaded at once, and posted to
 * {@code /api/detect-labels} at once;</li>
 * <li>24 bodies of 15 MB posted to {@code /api/detect-labels} at once;</li>
 * <li>210 upload URLs asked by one user, each granted one fed 1 byte every 2 s, while another user lists
 * its tasks;</li>
 * <li>wrong passwords for one account with a new {@code X-Forwarded-For} each time;</li>
 * <li>five wrong passwords for one account from one address (through a trusted proxy), then another user
 * from that address and the owner from another;</li>
 * <li>a data folder on a small file system (given with {@code --small-dir}) filled up: uploads until
 * refused, then the rest filled by another writer, then reads, a delete and health.</li>
 * </ol>
 */
final class BenchHardeningCommand {

	private static final Duration SETTLE = Duration.ofSeconds(90);

	private BenchHardeningCommand() {
	}

	/** One attack on a server of its own; whether the server held. */
	@FunctionalInterface
	private interface Case {

		boolean attack(ServerProcess server) throws Exception;
	}

	static int run(String[] args) {
		Path small = null;
		Path photo = Path.of("../shared/eval/coco/images");
		Path jar = null;
		try {
			for (int i = 0; i < args.length; i++) {
				switch (args[i]) {
					case "--small-dir" -> small = Path.of(args[++i]);
					case "--photos" -> photo = Path.of(args[++i]);
					case "--jar" -> jar = Path.of(args[++i]).toAbsolutePath();
					default -> throw new IllegalArgumentException(args[i]);
				}
			}
		}
		catch (RuntimeException ex) {
			System.err.println("usage: ./tasklens bench-hardening [--small-dir DIR] [--photos DIR] [--jar JAR]");
			return 2;
		}
		try {
			Path dir = Files.createDirectories(
					Path.of("target", "bench-hardening", Long.toString(System.currentTimeMillis())).toAbsolutePath());
			Map<String, String> environment = new HashMap<>();
			environment.put("TASKLENS_MODELS_DIR", CliSettings.vision().modelsDir().toAbsolutePath().toString());
			environment.put("TASKLENS_VISION_NATIVECACHEDIR", dir.resolve("native").toString());
			Map<String, String> behindProxy = new HashMap<>(environment);
			behindProxy.put("TASKLENS_WEB_TRUSTEDPROXIES", "127.0.0.1");
			Map<String, String> tight = new HashMap<>(environment);
			// The default keeps 50 MB free, more than the whole small folder: every upload would be refused at
			// once; with 1 MB the folder really fills up.
			tight.put("TASKLENS_QUOTA_MINFREESPACE", "1MB");
			System.out.println("attacking " + (jar == null ? "this build" : jar.toString())
					+ ", each case on a server of its own with a new data folder");
			int held = 0;
			int cases = 0;
			held += attack(jar, dir, "bombs", environment, dir, BenchHardeningCommand::webpBombs) ? 1 : 0;
			held += attack(jar, dir, "bodies", environment, dir, BenchHardeningCommand::largeBodies) ? 1 : 0;
			held += attack(jar, dir, "trickle", environment, dir, BenchHardeningCommand::tricklingUploads) ? 1 : 0;
			held += attack(jar, dir, "forwarded", environment, dir, BenchHardeningCommand::rotatedForwardedFor) ? 1 : 0;
			held += attack(jar, dir, "sign-in", behindProxy, dir, BenchHardeningCommand::failuresThenOthers) ? 1 : 0;
			cases += 5;
			if (small == null) {
				System.out.println("\n6. full data folder: skipped (give --small-dir, a folder on a small file system,"
						+ " e.g. mount -t tmpfs -o size=20m tmpfs DIR)");
			}
			else {
				Path folder = small;
				Path photoFile = firstPhoto(photo);
				held += attack(jar, small, "small", tight, dir, server -> fullDisk(server, folder, photoFile)) ? 1 : 0;
				cases++;
			}
			System.out.printf("%n%d of %d cases held; server logs in %s%n", held, cases, dir);
			return held == cases ? 0 : 1;
		}
		catch (Exception ex) {
			System.err.println("bench-hardening: " + ex);
			return 1;
		}
	}

	/** Starts a server on {@code parent/name}, attacks it, and tells whether it held and is still running. */
	private static boolean attack(Path jar, Path parent, String name, Map<String, String> environment, Path logs,
			Case attack) throws Exception {
		Path log = logs.resolve(name + ".log");
		Path data = parent.resolve("data-" + name);
		try (ServerProcess server = jar == null ? ServerProcess.start(data, environment, log)
				: ServerProcess.start(jar, data, environment, log)) {
			boolean held;
			try {
				held = attack.attack(server);
			}
			catch (Exception ex) {
				System.out.println("   the attack could not go on: " + ex);
				held = false;
			}
			if (!server.running()) {
				System.out.println("   THE SERVER DIED; the end of " + log + ":");
				try (Stream<String> lines = Files.lines(log)) {
					List<String> all = lines.toList();
					all.subList(Math.max(0, all.size() - 3), all.size()).forEach(line -> System.out.println("   | " + line));
				}
				return false;
			}
			return held;
		}
	}

	private static boolean webpBombs(ServerProcess server) throws Exception {
		System.out.println("1. six 44-byte WebP files declaring 10000 x 5000 px, at once"
				+ "\n   must: refused or labeled with bounded memory; the server stays up");
		URI base = server.base();
		String token = BenchClient.signUp(base);
		String task = createTask(base, token, "bombs");
		byte[] bomb = CraftedImages.webpBomb(10000, 5000);
		List<String> uploads = parallel(6, i -> {
			JsonNode created = requestUpload(base, token, task, "bomb.webp", "image/webp", bomb.length);
			HttpResponse<String> put = put(base, created.path("upload").path("url").asString(), "image/webp", bomb);
			return created.path("attachment").path("id").asString() + " " + put.statusCode();
		});
		List<String> ids = uploads.stream().map(line -> line.split(" ")[0]).toList();
		Map<String, Integer> putStatuses = histogram(uploads.stream().map(line -> line.split(" ")[1]).toList());
		Map<String, Integer> settled = histogram(settle(base, token, task, ids));
		List<String> thumbnails = parallel(4, i -> Integer.toString(send(base, "GET",
				"/api/tasks/" + task + "/attachments/" + ids.get(0) + "/thumbnail", token, null, null).statusCode()));
		List<String> detects = parallel(6, i -> Integer.toString(
				send(base, "POST", "/api/detect-labels", token, "image/webp", bomb).statusCode()));
		boolean up = alive(server);
		System.out.printf("   PUT %s; attachments %s; 4 x thumbnail %s; 6 x detect-labels %s; server %s%n",
				putStatuses, settled, histogram(thumbnails), histogram(detects), up ? "up" : "DOWN");
		return up && !settled.containsKey("UPLOADED") && !settled.containsKey("LABELING")
				&& detects.stream().noneMatch(status -> status.equals("500"));
	}

	private static boolean largeBodies(ServerProcess server) throws Exception {
		System.out.println("\n2. 24 bodies of 15 MB posted to /api/detect-labels at once"
				+ "\n   must: 503 with Retry-After beyond the bodies in flight, 4xx for what is not an image, no 500");
		URI base = server.base();
		String token = BenchClient.signUp(base);
		byte[] body = new byte[15 * 1024 * 1024 - 1024];
		new Random(7).nextBytes(body);
		body[0] = (byte) 0xFF;
		body[1] = (byte) 0xD8;
		body[2] = (byte) 0xFF;
		boolean held = true;
		for (boolean expectContinue : new boolean[] { true, false }) {
			List<String> answers = parallel(24, i -> postOverSocket(base.resolve("/api/detect-labels"), token,
					"image/jpeg", body, expectContinue));
			boolean up = alive(server);
			System.out.printf("   %s: answers %s; peak server memory %.0f MiB; server %s%n",
					expectContinue ? "with Expect: 100-continue (as curl sends big bodies)" : "the body sent at once",
					histogram(answers), server.peakResidentMiB(), up ? "up" : "DOWN");
			held &= up && answers.stream().noneMatch(answer -> answer.startsWith("500"));
		}
		return held;
	}

	/**
	 * A POST written to a socket as a client would, the body in 64 KB writes: without the JDK client's buffering
	 * (24 bodies of 15 MB in its queues would not fit this process's heap), and reading the answer even when the
	 * server closed its side while the body was still being sent, as curl does. The status, with
	 * {@code +Retry-After} when the answer has one.
	 */
	private static String postOverSocket(URI url, String token, String type, byte[] body, boolean expectContinue) {
		try (Socket socket = new Socket(url.getHost(), url.getPort())) {
			socket.setSoTimeout(120_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			out.write(("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
					+ "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: " + type + "\r\nContent-Length: "
					+ body.length + "\r\nConnection: close\r\n" + (expectContinue ? "Expect: 100-continue\r\n" : "")
					+ "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			if (expectContinue) {
				List<String> interim = head(in);
				if (interim.isEmpty()) {
					return "closed without an answer";
				}
				if (!interim.get(0).split(" ")[1].equals("100")) {
					return answer(interim);
				}
			}
			try {
				for (int at = 0; at < body.length; at += 1 << 16) {
					out.write(body, at, Math.min(1 << 16, body.length - at));
				}
				out.flush();
			}
			catch (IOException closedWhileSending) {
				// the answer may be there all the same
			}
			List<String> head = head(in);
			return head.isEmpty() ? "closed without an answer" : answer(head);
		}
		catch (IOException ex) {
			return "closed without an answer";
		}
	}

	/** The status line and headers of the next answer, as far as they came; empty when nothing came. */
	private static List<String> head(InputStream in) throws IOException {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		try {
			int c;
			while ((c = in.read()) >= 0) {
				if (c == '\n') {
					String text = line.toString().strip();
					if (text.isEmpty()) {
						return lines;
					}
					lines.add(text);
					line.setLength(0);
				}
				else {
					line.append((char) c);
				}
			}
		}
		catch (java.net.SocketException reset) {
			// what was read before the reset stands
		}
		return lines;
	}

	private static String answer(List<String> head) {
		String status = head.get(0).split(" ")[1];
		boolean retryAfter = head.stream().anyMatch(header -> header.toLowerCase(java.util.Locale.ROOT).startsWith("retry-after:"));
		return status + (retryAfter ? "+Retry-After" : "");
	}

	private static boolean tricklingUploads(ServerProcess server) throws Exception {
		System.out.println("\n3. 210 upload URLs from one user, each granted one fed 1 byte every 2 s, for 30 s"
				+ "\n   must: URLs beyond the pending cap refused (429), slow bodies cut (408), other users served");
		URI base = server.base();
		String attacker = BenchClient.signUp(base);
		String task = createTask(base, attacker, "trickle");
		List<String> urls = new ArrayList<>();
		Map<String, Integer> granted = new TreeMap<>();
		for (int i = 0; i < 210; i++) {
			HttpResponse<String> response = send(base, "POST", "/api/tasks/" + task + "/attachments", attacker,
					"application/json", "{\"filename\":\"t.png\",\"contentType\":\"image/png\",\"size\":1000}"
						.getBytes(StandardCharsets.UTF_8));
			granted.merge(Integer.toString(response.statusCode()), 1, Integer::sum);
			if (response.statusCode() == 201) {
				urls.add(BenchClient.JSON.readTree(response.body()).path("upload").path("url").asString());
			}
		}
		ExecutorService trickles = Executors.newFixedThreadPool(Math.max(1, urls.size()));
		List<Future<String>> ends = new ArrayList<>();
		for (String url : urls) {
			ends.add(trickles.submit(() -> trickle(base.resolve(url), Duration.ofSeconds(30))));
		}
		String user = BenchClient.signUp(base);
		List<Long> millis = new ArrayList<>();
		int failures = 0;
		long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < until) {
			long begin = System.nanoTime();
			try {
				if (send(base, "GET", "/api/tasks", user, null, null).statusCode() != 200) {
					failures++;
				}
			}
			catch (IOException ex) {
				failures++;
			}
			millis.add((System.nanoTime() - begin) / 1_000_000);
			Thread.sleep(200);
		}
		List<String> outcomes = new ArrayList<>();
		for (Future<String> end : ends) {
			outcomes.add(end.get());
		}
		trickles.shutdownNow();
		Collections.sort(millis);
		boolean up = alive(server);
		System.out.printf("   upload URLs %s; trickled PUTs ended %s; other user's GET /api/tasks: %d requests,"
				+ " %d failed, p50 %d ms, max %d ms; server %s%n", granted, histogram(outcomes), millis.size(), failures,
				millis.get(millis.size() / 2), millis.get(millis.size() - 1), up ? "up" : "DOWN");
		return up && failures == 0 && granted.containsKey("429") && millis.get(millis.size() - 1) < 5000;
	}

	/** Sends a PUT with a body of 1000 bytes, one byte every 2 s; how it ended. */
	private static String trickle(URI url, Duration atMost) {
		try (Socket socket = new Socket(url.getHost(), url.getPort())) {
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write(("PUT " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
					+ "\r\nContent-Type: image/png\r\nContent-Length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			long until = System.nanoTime() + atMost.toNanos();
			while (System.nanoTime() < until) {
				try {
					out.write(0x89);
					out.flush();
				}
				catch (IOException ex) {
					return "closed by server";
				}
				try {
					byte[] head = in.readNBytes(12);
					return head.length == 12 ? "answered " + new String(head, 9, 3, StandardCharsets.US_ASCII)
							: "closed by server";
				}
				catch (java.net.SocketTimeoutException stillWaiting) {
					// no answer yet: the next byte
				}
			}
			return "still open after " + atMost.toSeconds() + " s";
		}
		catch (IOException ex) {
			return "closed by server";
		}
	}

	private static boolean rotatedForwardedFor(ServerProcess server) throws Exception {
		System.out.println("\n4. 30 wrong passwords for one account, a new X-Forwarded-For each time (no trusted proxy)"
				+ "\n   must: the header is ignored, so the guesses are slowed down (429) as from one address");
		URI base = server.base();
		String name = signUpUser(base);
		List<String> answers = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			answers.add(Integer.toString(signIn(base, name, "wrong-password-" + i, "10.0." + (i / 250) + "." + (i % 250 + 1))));
		}
		int first = answers.indexOf("429");
		boolean up = alive(server);
		System.out.printf("   answers %s, the first 429 at attempt %d; server %s%n", histogram(answers), first + 1,
				up ? "up" : "DOWN");
		return up && first >= 0;
	}

	private static boolean failuresThenOthers(ServerProcess server) throws Exception {
		System.out.println("\n5. five wrong passwords for alice from 198.51.100.7 (via a trusted proxy), then bob from"
				+ " there, then alice from 203.0.113.9"
				+ "\n   must: bob and the owner elsewhere get in; the guessing address is slowed down");
		URI base = server.base();
		String alice = signUpUser(base);
		String bob = signUpUser(base);
		List<String> wrong = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			wrong.add(Integer.toString(signIn(base, alice, "wrong-password-" + i, "198.51.100.7")));
		}
		int bobThere = signIn(base, bob, PASSWORD, "198.51.100.7");
		int ownerElsewhere = signIn(base, alice, PASSWORD, "203.0.113.9");
		int ownerThere = signIn(base, alice, PASSWORD, "198.51.100.7");
		boolean up = alive(server);
		System.out.printf("   wrong %s; bob from the same address %d; alice from another address %d; alice from the"
				+ " guessing address %d; server %s%n", wrong, bobThere, ownerElsewhere, ownerThere, up ? "up" : "DOWN");
		return up && bobThere == 200 && ownerElsewhere == 200;
	}

	private static boolean fullDisk(ServerProcess server, Path small, Path photo) throws Exception {
		System.out.println("\n6. the data folder on a small file system, filled by uploads, then by another writer"
				+ "\n   must: 507 with a clear message, reads and deletes still work, health reports the disk");
		URI base = server.base();
		String token = BenchClient.signUp(base);
		String task = createTask(base, token, "fill");
		byte[] bytes = Files.readAllBytes(photo);
		int stored = 0;
		String refusal = "none";
		for (int i = 0; i < 1000; i++) {
			HttpResponse<String> created = send(base, "POST", "/api/tasks/" + task + "/attachments", token,
					"application/json", ("{\"filename\":\"p.jpg\",\"contentType\":\"image/jpeg\",\"size\":" + bytes.length
							+ "}").getBytes(StandardCharsets.UTF_8));
			HttpResponse<String> answer = created;
			if (created.statusCode() == 201) {
				answer = put(base, BenchClient.JSON.readTree(created.body()).path("upload").path("url").asString(),
						"image/jpeg", bytes);
			}
			if (answer.statusCode() / 100 != 2) {
				refusal = answer.statusCode() + " " + BenchClient.JSON.readTree(answer.body()).path("detail").asString();
				break;
			}
			stored++;
		}
		Path filler = small.resolve("filler");
		try (OutputStream out = Files.newOutputStream(filler)) {
			byte[] block = new byte[1 << 16];
			while (true) {
				out.write(block);
			}
		}
		catch (IOException full) {
			// the file system is full now
		}
		try {
			int list = send(base, "GET", "/api/tasks", token, null, null).statusCode();
			int create = send(base, "POST", "/api/tasks", token, "application/json",
					"{\"title\":\"one more\"}".getBytes(StandardCharsets.UTF_8)).statusCode();
			String health = send(base, "GET", "/actuator/health", null, null, null).body();
			int delete = send(base, "DELETE", "/api/tasks/" + task, token, null, null).statusCode();
			boolean up = alive(server);
			System.out.printf("   %d photos stored, then %s; with the disk full: list %d, create %d, delete %d,"
					+ " health %s; server %s%n", stored, refusal, list, create, delete,
					health.contains("\"DOWN\"") ? "DOWN (as it should)" : "UP", up ? "up" : "DOWN");
			return up && refusal.startsWith("507") && list == 200 && delete == 204 && create != 500;
		}
		finally {
			Files.deleteIfExists(filler);
		}
	}

	private static final String PASSWORD = "hardening-password-1";

	private static String signUpUser(URI base) throws Exception {
		String name = "user-" + Long.toString(System.nanoTime(), 36);
		BenchClient.send(base, "POST", "/api/users", null,
				"{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}");
		return name;
	}

	private static int signIn(URI base, String name, String password, String forwardedFor) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/token"))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", forwardedFor)
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}"))
			.build();
		return BenchClient.HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static String createTask(URI base, String token, String title) throws Exception {
		return BenchClient.JSON.readTree(BenchClient.send(base, "POST", "/api/tasks", token,
				"{\"title\":\"" + title + "\"}")).path("id").asString();
	}

	private static JsonNode requestUpload(URI base, String token, String task, String filename, String type, long size)
			throws Exception {
		return BenchClient.JSON.readTree(BenchClient.send(base, "POST", "/api/tasks/" + task + "/attachments", token,
				"{\"filename\":\"" + filename + "\",\"contentType\":\"" + type + "\",\"size\":" + size + "}"));
	}

	private static HttpResponse<String> put(URI base, String url, String type, byte[] bytes) throws Exception {
		return send(base, "PUT", url, null, type, bytes);
	}

	private static HttpResponse<String> send(URI base, String method, String path, String token, String type,
			byte[] body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
		if (type != null) {
			request.header("Content-Type", type);
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return BenchClient.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The attachments' statuses once none is UPLOADED or LABELING any more (or after {@link #SETTLE}). */
	private static List<String> settle(URI base, String token, String task, List<String> ids) throws Exception {
		long until = System.nanoTime() + SETTLE.toNanos();
		List<String> statuses;
		do {
			Thread.sleep(500);
			JsonNode items = BenchClient.JSON.readTree(send(base, "GET", "/api/tasks/" + task + "/attachments", token,
					null, null).body()).path("items");
			statuses = new ArrayList<>();
			for (JsonNode item : items) {
				if (ids.contains(item.path("id").asString())) {
					String error = item.path("error").asString("");
					statuses.add(item.path("status").asString() + (error.isEmpty() ? "" : " (" + error + ")"));
				}
			}
		}
		while (System.nanoTime() < until
				&& statuses.stream().anyMatch(status -> status.startsWith("UPLOADED") || status.startsWith("LABELING")));
		return statuses;
	}

	/** The process runs and answers (health may be DOWN, as with a full disk). */
	private static boolean alive(ServerProcess server) {
		try {
			return server.running() && send(server.base(), "GET", "/actuator/health", null, null, null).statusCode() > 0;
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static List<String> parallel(int count, IndexedCall call) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(count);
		try {
			List<Future<String>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int index = i;
				futures.add(pool.submit((Callable<String>) () -> {
					try {
						return call.call(index);
					}
					catch (IOException ex) {
						return "connection reset";
					}
				}));
			}
			List<String> results = new ArrayList<>();
			for (Future<String> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	@FunctionalInterface
	private interface IndexedCall {

		String call(int index) throws Exception;
	}

	private static Map<String, Integer> histogram(List<String> values) {
		Map<String, Integer> counts = new TreeMap<>();
		values.forEach(value -> counts.merge(value, 1, Integer::sum));
		return counts;
	}

	private static Path firstPhoto(Path photos) throws IOException {
		if (Files.isRegularFile(photos)) {
			return photos;
		}
		try (Stream<Path> files = Files.list(photos)) {
			return files.filter(file -> file.toString().endsWith(".jpg")).sorted().findFirst()
				.orElseThrow(() -> new IOException("no .jpg in " + photos));
		}
	}
}
