package app.tasklens.vision;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

import ai.onnxruntime.OrtEnvironment;

/**
 * ONNX Runtime's native libraries, unpacked once into a cache folder and loaded from there.
 *
 * <p>By default ONNX Runtime inflates its 28 MB library out of the jar into a new temporary folder at every
 * start and deletes it again: a third of a second or more of each start, longer from inside the
 * application jar. Here the libraries are unpacked into {@code <cache>/onnxruntime-<version>-<platform>/}
 * the first time, each file written beside its final name and renamed into place, and ONNX Runtime is
 * pointed at that folder through its {@value #NATIVE_PATH} system property. On later starts each cached file
 * is checked against the CRC-32 the jar records for it (read from the jar's directory, so only the cached
 * copy is read, at memory speed); a file that differs is unpacked again. Whenever this cannot be done (a
 * read-only or {@code noexec} folder, a platform without bundled libraries, an operator who set
 * {@value #NATIVE_PATH} already) ONNX Runtime keeps its own way of loading.
 */
final class OnnxRuntimeLibraries {

	static final String NATIVE_PATH = "onnxruntime.native.path";

	private static final System.Logger log = System.getLogger(OnnxRuntimeLibraries.class.getName());

	/** In load order; the providers library is bundled on Windows only. */
	private static final List<String> LIBRARIES = List.of("onnxruntime_providers_shared", "onnxruntime",
			"onnxruntime4j_jni");

	private OnnxRuntimeLibraries() {
	}

	/**
	 * Points ONNX Runtime at verified libraries under {@code cacheRoot}, unpacking them first when needed.
	 * Takes effect only before the first {@link OrtEnvironment} of the process; does nothing when
	 * {@code cacheRoot} is null or {@value #NATIVE_PATH} is set already.
	 */
	static synchronized void useCache(Path cacheRoot) {
		if (cacheRoot == null || System.getProperty(NATIVE_PATH) != null) {
			return;
		}
		unpack(cacheRoot).filter(OnnxRuntimeLibraries::loads)
			.ifPresent(folder -> System.setProperty(NATIVE_PATH, folder.toString()));
	}

	/**
	 * Links the runtime library from the cache before ONNX Runtime does: a folder on a {@code noexec} mount
	 * refuses it, and once ONNX Runtime itself has failed to load it, no {@code OrtEnvironment} can be made in
	 * this process. Only when this class and ONNX Runtime share a class loader: a library loaded through one
	 * class loader cannot be loaded through another.
	 */
	private static boolean loads(Path folder) {
		if (OnnxRuntimeLibraries.class.getClassLoader() != OrtEnvironment.class.getClassLoader()) {
			return true;
		}
		try {
			System.load(folder.resolve(System.mapLibraryName("onnxruntime")).toString());
			return true;
		}
		catch (UnsatisfiedLinkError ex) {
			log.log(System.Logger.Level.WARNING, "ONNX Runtime cannot be loaded from {0} ({1}); ONNX Runtime unpacks "
					+ "its libraries to a temporary folder at each start instead", folder, ex.getMessage());
			return false;
		}
	}

	/**
	 * The folder under {@code cacheRoot} that holds this platform's libraries, identical to the jar's.
	 *
	 * @return empty, after logging why, when the libraries cannot be cached there
	 */
	static Optional<Path> unpack(Path cacheRoot) {
		try {
			Optional<String> platform = platform();
			if (platform.isEmpty()) {
				return Optional.empty();
			}
			List<Bundled> bundled = new ArrayList<>();
			for (String name : LIBRARIES) {
				String file = System.mapLibraryName(name).replace(".jnilib", ".dylib");
				URL resource = OrtEnvironment.class.getResource("/ai/onnxruntime/native/" + platform.get() + "/" + file);
				if (resource != null) {
					bundled.add(Bundled.of(file, resource));
				}
				else if (!name.equals("onnxruntime_providers_shared")) {
					return Optional.empty();
				}
			}
			String version = Optional.ofNullable(OrtEnvironment.class.getPackage().getImplementationVersion())
				.orElse("unknown");
			Path folder = Files.createDirectories(cacheRoot.resolve("onnxruntime-" + version + "-" + platform.get()))
				.toAbsolutePath();
			long missing = 0;
			for (Bundled library : bundled) {
				missing += library.matches(folder.resolve(library.file())) ? 0 : library.size();
			}
			// The libraries are tens of megabytes: on a small data folder they would fill the disk that uploads
			// and the database need, so they are cached only where they take at most half of the free space.
			if (missing > 0 && Files.getFileStore(folder).getUsableSpace() < 2 * missing) {
				log.log(System.Logger.Level.INFO, "ONNX Runtime libraries are not cached in {0}: their {1} MB would"
						+ " take more than half of its free space; ONNX Runtime unpacks them to a temporary folder at"
						+ " each start instead", cacheRoot, missing / 1_000_000);
				return Optional.empty();
			}
			for (Bundled library : bundled) {
				Path cached = folder.resolve(library.file());
				if (!library.matches(cached)) {
					library.unpackTo(cached);
				}
			}
			return Optional.of(folder);
		}
		catch (IOException | RuntimeException ex) {
			log.log(System.Logger.Level.WARNING, "ONNX Runtime libraries cannot be cached in {0} ({1}); "
					+ "ONNX Runtime unpacks them to a temporary folder at each start instead", cacheRoot, ex.toString());
			return Optional.empty();
		}
	}

	/** ONNX Runtime's name for the resource folder of this machine, as its own loader computes it. */
	private static Optional<String> platform() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
		String osName = os.contains("mac") || os.contains("darwin") ? "osx"
				: os.contains("win") ? "win" : os.contains("nux") ? "linux" : null;
		String archName = arch.startsWith("amd64") || arch.startsWith("x86_64") ? "x64"
				: arch.startsWith("aarch64") ? "aarch64" : null;
		return osName == null || archName == null ? Optional.empty() : Optional.of(osName + "-" + archName);
	}

	/** A library in the jar, with the size and CRC-32 its jar entry records. */
	private record Bundled(String file, URL resource, long size, long crc) {

		static Bundled of(String file, URL resource) throws IOException {
			URLConnection connection = resource.openConnection();
			if (connection instanceof JarURLConnection jar) {
				JarEntry entry = jar.getJarEntry();
				if (entry.getSize() >= 0 && entry.getCrc() >= 0) {
					return new Bundled(file, resource, entry.getSize(), entry.getCrc());
				}
			}
			// Not from a jar (an exploded class path): the checksum has to be computed.
			CRC32 crc = new CRC32();
			long size = 0;
			try (InputStream in = connection.getInputStream()) {
				byte[] buffer = new byte[1 << 16];
				for (int n; (n = in.read(buffer)) > 0;) {
					crc.update(buffer, 0, n);
					size += n;
				}
			}
			return new Bundled(file, resource, size, crc.getValue());
		}

		boolean matches(Path cached) throws IOException {
			if (!Files.isRegularFile(cached) || Files.size(cached) != size) {
				return false;
			}
			CRC32 crc = new CRC32();
			ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
			try (FileChannel channel = FileChannel.open(cached, StandardOpenOption.READ)) {
				while (channel.read(buffer) > 0) {
					crc.update(buffer.flip());
					buffer.clear();
				}
			}
			return crc.getValue() == this.crc;
		}

		/** Writes beside {@code target} and renames, so no process ever sees a partly written library. */
		void unpackTo(Path target) throws IOException {
			Path part = Files.createTempFile(target.getParent(), "." + file, ".part");
			try {
				CRC32 crc = new CRC32();
				long written;
				try (InputStream in = new CheckedInputStream(resource.openStream(), crc)) {
					written = Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
				}
				if (written != size || crc.getValue() != this.crc) {
					throw new IOException(file + " read from the jar does not match its recorded checksum");
				}
				Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			finally {
				Files.deleteIfExists(part);
			}
		}
	}
}
