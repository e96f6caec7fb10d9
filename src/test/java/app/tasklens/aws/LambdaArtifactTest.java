package app.tasklens.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

/**
 * The deployment package {@code ./mvnw -Paws package} builds, checked against {@code template.yaml}: run by
 * that command after the zip exists (not by {@code verify}).
 */
class LambdaArtifactTest {

	/** Lambda's limit for a zip uploaded directly. */
	private static final long MAX_ZIP = 50L * 1024 * 1024;

	private final Path zip = Path.of(System.getProperty("tasklens.test.lambda-zip", "target/tasklens-lambda.zip"));

	@Test
	void everyHandlerTheTemplateNamesIsInThePackage() throws IOException {
		List<String> handlers = handlers(Files.readString(Path.of("template.yaml")));
		assertThat(handlers).as("handlers in template.yaml").hasSize(2);

		try (ZipFile file = new ZipFile(zip.toFile())) {
			for (String handler : handlers) {
				String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
				String entry = className.replace('.', '/') + ".class";
				assertThat(file.getEntry(entry) != null || inLibraries(file, entry)).as(handler + " in " + zip).isTrue();
			}
		}
	}

	@Test
	void thePackageFitsLambdaAndCarriesNoOnBoxModels() throws IOException {
		assertThat(Files.size(zip)).as("size of " + zip).isLessThan(MAX_ZIP);
		try (ZipFile file = new ZipFile(zip.toFile())) {
			List<String> names = file.stream().map(ZipEntry::getName).toList();
			assertThat(names).noneMatch(name -> name.contains("onnxruntime") || name.endsWith(".onnx"));
			assertThat(names).contains("application-aws.properties", "app/tasklens/TasklensApplication.class");
		}
	}

	/**
	 * The API function started from the package's own class path, as Lambda does (C1 only, as template.yaml's
	 * JAVA_TOOL_OPTIONS), without and with priming: it must answer a sign-up and serve the sign-in page (the
	 * package has no Tomcat: the container is the servlet engine), and the times are the figures the README quotes.
	 */
	@Test
	void theApiFunctionStartsFromThePackageAndAnswers() throws Exception {
		Path unpacked = Path.of("target/lambda-unpacked").toAbsolutePath();
		unpack(unpacked);
		String endpoint = app.tasklens.adapter.dynamodb.Dynalite.get().endpoint().toString();
		for (String prime : List.of("false", "true", "false", "true")) {
			String table = "cold" + System.nanoTime();
			Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Dtasklens.aws.prime=" + prime,
					"-cp", unpacked + java.io.File.pathSeparator + unpacked.resolve("lib") + "/*" + java.io.File.pathSeparator
							+ Path.of("target/test-classes").toAbsolutePath(),
					ColdStart.class.getName(), endpoint, table, unpacked.resolveSibling("lambda-data").resolve(table).toString())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			assertThat(process.waitFor()).as(output).isZero();
			String figures = output.lines().filter(line -> line.startsWith("COLD-START")).findFirst().orElse(output);
			System.out.println("priming=" + prime + " " + figures);
			assertThat(figures).as(output).contains(" status=201").contains("page_status=200");
		}
	}

	private void unpack(Path target) throws IOException {
		try (ZipFile file = new ZipFile(zip.toFile())) {
			for (ZipEntry entry : file.stream().toList()) {
				Path out = target.resolve(entry.getName()).normalize();
				if (!out.startsWith(target)) {
					throw new IOException("entry outside the package: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(out);
				}
				else {
					Files.createDirectories(out.getParent());
					try (InputStream in = file.getInputStream(entry)) {
						Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
					}
				}
			}
		}
	}

	static List<String> handlers(String template) {
		List<String> handlers = new ArrayList<>();
		Matcher matcher = Pattern.compile("(?m)^\\s+Handler:\\s*(\\S+)\\s*$").matcher(template);
		while (matcher.find()) {
			handlers.add(matcher.group(1));
		}
		return handlers;
	}

	private static boolean inLibraries(ZipFile file, String entry) throws IOException {
		for (ZipEntry library : file.stream().filter(e -> e.getName().startsWith("lib/") && e.getName().endsWith(".jar")).toList()) {
			try (InputStream in = file.getInputStream(library); ZipInputStream jar = new ZipInputStream(in)) {
				for (ZipEntry inner; (inner = jar.getNextEntry()) != null;) {
					if (inner.getName().equals(entry)) {
						return true;
					}
				}
			}
		}
		return false;
	}
}
