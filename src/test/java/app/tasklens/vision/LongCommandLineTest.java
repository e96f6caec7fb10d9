package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * ONNX Runtime 1.29's native start-up crashed the whole process (SIGSEGV) on a thread with a small stack
 * when the process's command line was long, as it is under an IDE or {@code java -cp} with every jar
 * listed. {@code ./tasklens label} in such a process must label the image.
 */
class LongCommandLineTest {

	@Test
	void labelsInAProcessWhoseCommandLineIsLong() throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		Path dog = Path.of(System.getProperty("tasklens.test.darknet-dir"), "dog.jpg");
		ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Dpadding=" + "x".repeat(6000), "-cp",
				System.getProperty("java.class.path"), "app.tasklens.TasklensApplication", "label", "--no-text",
				dog.toString()));
		builder.environment().put("TASKLENS_MODELS_DIR", System.getProperty("tasklens.test.models-dir"));
		builder.environment().put("TASKLENS_DATA_DIR", System.getProperty("java.io.tmpdir") + "/long-command-line");
		// To a file, not read from a pipe before waitFor: reading to the end would block until the process
		// exits, so a hung process would hang the build instead of failing here after the timeout.
		Path log = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "long-command-line-", ".log");
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		Process process = builder.start();
		boolean exited = process.waitFor(120, TimeUnit.SECONDS);
		if (!exited) {
			process.destroyForcibly().waitFor();
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);

		assertThat(exited).as("exited within 120 s: %s", output).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("\"Name\":\"Dog\"");
	}
}
