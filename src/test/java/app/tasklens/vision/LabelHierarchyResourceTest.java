package app.tasklens.vision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed hierarchy resources are exactly what tools/hierarchy/GenerateHierarchy.java makes from WordNet 3.0
 * (Debian package {@code wordnet-base}, read from {@code tasklens.test.wordnet-dir}, default
 * {@code /usr/share/wordnet}), so nobody edits them by hand and a generator change comes with its output.
 */
class LabelHierarchyResourceTest {

	private static final List<String> RESOURCES = List.of("label-hierarchy.tsv", "imagenet-classes.tsv",
			"coco-classes.tsv");

	@Test
	void committedResourcesMatchARegeneratedHierarchy() throws IOException, InterruptedException {
		Path wordNet = Path.of(System.getProperty("tasklens.test.wordnet-dir", "/usr/share/wordnet"));
		assertThat(wordNet.resolve("data.noun"))
			.as("WordNet 3.0 database; install it with: apt-get install wordnet-base")
			.isRegularFile();
		Path out = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "hierarchy");

		Process generator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"tools/hierarchy/GenerateHierarchy.java", wordNet.toString(), out.toString())
			.redirectErrorStream(true)
			.start();
		boolean finished = generator.waitFor(3, TimeUnit.MINUTES);
		String log = new String(generator.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(finished).as("generator finished").isTrue();
		assertThat(generator.exitValue()).as(log).isZero();
		for (String resource : RESOURCES) {
			assertThat(out.resolve(resource)).as(resource + " regenerated: run "
					+ "java tools/hierarchy/GenerateHierarchy.java /usr/share/wordnet src/main/resources/vision")
				.hasSameBinaryContentAs(Path.of("src/main/resources/vision", resource));
		}
	}
}
