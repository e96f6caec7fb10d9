package app.tasklens.vision;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.onnxruntime.OrtEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ONNX Runtime's libraries are unpacked into the cache once, identical to the jar's, repaired when they
 * differ, skipped when the cache cannot be written, and really loaded from there by a fresh JVM.
 */
class OnnxRuntimeLibrariesTest {

	private static final String RUNTIME = System.mapLibraryName("onnxruntime");
	private static final String JNI = System.mapLibraryName("onnxruntime4j_jni");

	@TempDir
	Path cache;

	@Test
	void unpacksTheJarsLibrariesOnceAndReusesThem() throws IOException {
		Path folder = OnnxRuntimeLibraries.unpack(cache).orElseThrow();

		assertThat(folder.getParent()).isEqualTo(cache.toAbsolutePath());
		assertThat(folder.getFileName().toString()).startsWith("onnxruntime-1.29.0-");
		assertThat(Files.mismatch(folder.resolve(RUNTIME), bundled(folder, RUNTIME))).isEqualTo(-1);
		assertThat(Files.mismatch(folder.resolve(JNI), bundled(folder, JNI))).isEqualTo(-1);
		assertThat(folder.toFile().list()).as("no partial files left").containsExactlyInAnyOrder(RUNTIME, JNI);

		FileTime old = FileTime.fromMillis(1_000_000_000_000L);
		Files.setLastModifiedTime(folder.resolve(RUNTIME), old);
		assertThat(OnnxRuntimeLibraries.unpack(cache)).contains(folder);
		assertThat(Files.getLastModifiedTime(folder.resolve(RUNTIME))).as("not written again").isEqualTo(old);
	}

	@Test
	void unpacksAgainWhenTheCachedCopyDiffers() throws IOException {
		Path folder = OnnxRuntimeLibraries.unpack(cache).orElseThrow();
		Path runtime = folder.resolve(RUNTIME);
		byte[] damaged = Files.readAllBytes(runtime);
		damaged[damaged.length / 2] ^= 1;
		Files.write(runtime, damaged);
		Files.write(folder.resolve(JNI), new byte[] { 1, 2, 3 });

		assertThat(OnnxRuntimeLibraries.unpack(cache)).contains(folder);

		assertThat(Files.mismatch(runtime, bundled(folder, RUNTIME))).isEqualTo(-1);
		assertThat(Files.mismatch(folder.resolve(JNI), bundled(folder, JNI))).isEqualTo(-1);
	}

	@Test
	void leavesOnnxRuntimeAloneWhenTheCacheCannotBeWritten() throws IOException {
		// Tests run as root here, which ignores permission bits: a file where the folder should be stands in.
		Path notAFolder = Files.writeString(cache.resolve("data"), "not a folder");

		assertThat(OnnxRuntimeLibraries.unpack(notAFolder.resolve(".cache"))).isEmpty();
	}

	@Test
	void aFreshJvmLoadsOnnxRuntimeFromTheCache() throws Exception {
		assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs Linux /proc to see which files are loaded");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
				Probe.class.getName(), cache.toString())
			.redirectErrorStream(true);
		// In the environment, not on the command line: ONNX Runtime 1.29 crashes in its start-up when the
		// process's command line is longer than about 4 KB, as a class path of plain jars easily is.
		builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
		Process probe = builder.start();
		String output = new String(probe.getInputStream().readAllBytes());
		assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(probe.exitValue()).as(output).isZero();

		Path folder = OnnxRuntimeLibraries.unpack(cache).orElseThrow();
		assertThat(output.lines().toList()).as(output)
			.contains(folder.resolve(RUNTIME).toString(), folder.resolve(JNI).toString());
	}

	/** Starts ONNX Runtime with the cache and prints the ONNX Runtime files the process has mapped. */
	static final class Probe {

		public static void main(String[] args) throws IOException {
			OnnxRuntimeLibraries.useCache(Path.of(args[0]));
			OrtEnvironment.getEnvironment();
			List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
			maps.stream()
				.filter(line -> line.contains("onnxruntime"))
				.map(line -> line.substring(line.indexOf('/')))
				.distinct()
				.forEach(System.out::println);
		}
	}

	/** The jar's copy of {@code file}, written next to the cache folder for comparison. */
	private Path bundled(Path folder, String file) throws IOException {
		String platform = folder.getFileName().toString().replaceFirst("^onnxruntime-[^-]+-", "");
		Path copy = cache.resolve("jar-" + file);
		try (InputStream in = OrtEnvironment.class.getResourceAsStream("/ai/onnxruntime/native/" + platform + "/" + file)) {
			Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		return copy;
	}
}
