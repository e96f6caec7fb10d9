package app.tasklens.vision;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.io.TempDir;

import app.tasklens.labeling.DetectorUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A missing model is fetched from its source over HTTP, checked, and appears in the models directory only whole and
 * verified. The server is a real one on loopback serving the real recognizer alphabet, whose pinned digest is in
 * the catalog.
 */
class ModelFetchTest {

	private static final Model MODEL = Model.PP_OCR_KEYS;

	@TempDir
	Path models;

	private byte[] realBytes;
	private HttpServer server;
	private final AtomicInteger requests = new AtomicInteger();

	@BeforeEach
	void realFile() throws IOException {
		realBytes = Files.readAllBytes(Path.of(System.getProperty("tasklens.test.models-dir"), MODEL.file()));
	}

	@AfterEach
	void stopServer() {
		if (server != null) {
			server.stop(0);
		}
	}

	@Test
	void missingModelIsDownloadedAndAppearsOnlyWhenComplete() throws Exception {
		CountDownLatch halfSent = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		String url = serve(exchange -> {
			exchange.sendResponseHeaders(200, realBytes.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(realBytes, 0, realBytes.length / 2);
				body.flush();
				halfSent.countDown();
				await(finish);
				body.write(realBytes, realBytes.length / 2, realBytes.length - realBytes.length / 2);
			}
		});
		ModelFiles files = fetchingFrom(url);

		CompletableFuture<Path> required = CompletableFuture.supplyAsync(() -> files.require(MODEL));
		assertThat(halfSent.await(10, TimeUnit.SECONDS)).isTrue();
		// The client has written part of the body when the partial file has bytes.
		Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fileNames()).singleElement()
			.asString().startsWith("." + MODEL.file()).endsWith(".part")
			.satisfies(part -> assertThat(Files.size(models.resolve(part))).isPositive()));
		assertThat(models.resolve(MODEL.file())).as("not visible while downloading").doesNotExist();

		finish.countDown();

		Path path = required.get(10, TimeUnit.SECONDS);
		assertThat(path).isEqualTo(models.resolve(MODEL.file()));
		assertThat(Files.readAllBytes(path)).isEqualTo(realBytes);
		assertThat(fileNames()).containsExactly(MODEL.file());
	}

	@Test
	void aFileWithAnotherDigestIsRefusedAndNothingIsLeftBehind() throws Exception {
		byte[] tampered = realBytes.clone();
		tampered[100] ^= 1;
		ModelFiles files = fetchingFrom(serveBytes(tampered));

		assertThatThrownBy(() -> files.require(MODEL)).isInstanceOf(DetectorUnavailableException.class)
			.hasMessageStartingWith(files.missing(MODEL))
			.hasMessageContaining("sha256 " + sha256(tampered))
			.hasMessageContaining("expected " + MODEL.sha256());
		assertThat(fileNames()).isEmpty();
	}

	@Test
	void aLongerBodyIsCutAtThePinnedSize() throws IOException {
		byte[] longer = new byte[realBytes.length + 1000];
		System.arraycopy(realBytes, 0, longer, 0, realBytes.length);
		ModelFiles files = fetchingFrom(serveBytes(longer));

		assertThatThrownBy(() -> files.require(MODEL))
			.hasMessageContaining("more than the expected " + MODEL.size() + " bytes");
		assertThat(fileNames()).isEmpty();
	}

	@Test
	void anErrorStatusIsReportedWithTheMissingFileMessage() throws IOException {
		String url = serve(exchange -> exchange.sendResponseHeaders(404, -1));

		assertThatThrownBy(() -> fetchingFrom(url).require(MODEL)).hasMessageContaining("HTTP 404 from " + url);
		assertThat(fileNames()).isEmpty();
	}

	@Test
	void anUnreachableSourceTellsTheOperatorWhichFileToPutWhere() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		ModelFiles files = fetchingFrom("http://127.0.0.1:" + closedPort + "/" + MODEL.file());

		assertThatThrownBy(() -> files.require(MODEL)).isInstanceOf(DetectorUnavailableException.class)
			.hasMessageStartingWith("model PP_OCR_KEYS missing: put file ppocr_keys_v1.txt (sha256 " + MODEL.sha256())
			.hasMessageContaining(" in " + models.toAbsolutePath())
			.hasMessageContaining("cannot reach http://127.0.0.1:" + closedPort);
		assertThat(fileNames()).isEmpty();
	}

	@Test
	void withFetchingOffAMissingModelIsOnlyReported() throws IOException {
		serveBytes(realBytes);
		ModelFiles files = new ModelFiles(models, false);

		assertThatThrownBy(() -> files.require(MODEL)).hasMessage(files.missing(MODEL));
		assertThat(requests).hasValue(0);
		assertThat(fileNames()).isEmpty();
	}

	@Test
	void aPresentModelIsNotFetchedAgain() throws IOException {
		String url = serveBytes(realBytes);
		Files.write(models.resolve(MODEL.file()), realBytes);

		assertThat(fetchingFrom(url).require(MODEL)).hasBinaryContent(realBytes);
		assertThat(requests).hasValue(0);
	}

	private ModelFiles fetchingFrom(String url) {
		return new ModelFiles(models, new ModelFetcher(model -> url));
	}

	private String serveBytes(byte[] bytes) throws IOException {
		return serve(exchange -> {
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(bytes);
			}
		});
	}

	private String serve(HttpHandler handler) throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", exchange -> {
			requests.incrementAndGet();
			try (HttpExchange ignored = exchange) {
				handler.handle(exchange);
			}
		});
		server.start();
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/models/" + MODEL.file();
	}

	private List<String> fileNames() throws IOException {
		try (var files = Files.list(models)) {
			return files.map(path -> path.getFileName().toString()).sorted().toList();
		}
	}

	private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
