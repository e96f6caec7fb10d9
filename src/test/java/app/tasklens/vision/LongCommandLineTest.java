package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
		builder.redirectErrorStream(true);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("\"Name\":\"Dog\"");
	}
}
