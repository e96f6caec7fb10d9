package app.tasklens.web.rekognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

import app.tasklens.web.api.ApiIntegrationTest;

/**
 * The endpoint through the AWS CLI ({@code aws rekognition detect-labels --endpoint-url …}), run as a process
 * with the key in its environment and no configuration from the home folder. The CLI is {@code aws} on the
 * PATH, or the one {@code TASKLENS_AWS_CLI} names ({@code .ci/run} installs Debian's awscli when the machine
 * has none). An old signature comes from running the CLI under {@code faketime}, so the CLI signs with a
 * clock that is behind.
 */
@ApiIntegrationTest
class AwsCliTest extends RekognitionClientCases {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** How the CLI (1.x and 2.x alike) reports an error from the service, on standard error. */
	private static final Pattern ERROR = Pattern
		.compile("An error occurred \\((\\w+)\\) when calling the \\w+ operation(?: \\(reached max retries: \\d+\\))?: (.*)");

	/** The CLI's exit code when the service answered with an error: 254 from aws-cli 2, 255 from aws-cli 1. */
	private static final List<Integer> SERVICE_ERROR = List.of(254, 255);

	private static String cli() {
		String named = System.getenv("TASKLENS_AWS_CLI");
		return named == null || named.isBlank() ? "aws" : named;
	}

	@Override
	Outcome run(Call call) {
		List<String> command = new ArrayList<>();
		if (!call.signedAgo().isZero()) {
			command.addAll(List.of("faketime", "-f", "-" + call.signedAgo().toSeconds() + "s"));
		}
		command.addAll(List.of(cli(), "rekognition", call.operation().equals("DetectText") ? "detect-text" : "detect-labels",
				"--endpoint-url", "http://localhost:" + port, "--output", "json"));
		if (call.bytes() != null) {
			command.addAll(List.of("--image-bytes", "fileb://" + call.bytes()));
		}
		else {
			command.addAll(List.of("--image",
					JSON.writeValueAsString(Map.of("S3Object", Map.of("Bucket", call.bucket(), "Name", call.name())))));
		}
		try {
			Path config = Files.createTempFile(files, "aws-config", "");
			Path credentials = Files.createTempFile(files, "aws-credentials", "");
			ProcessBuilder builder = new ProcessBuilder(command);
			Map<String, String> environment = builder.environment();
			environment.keySet().removeIf(name -> name.startsWith("AWS_"));
			environment.put("AWS_ACCESS_KEY_ID", call.key().id());
			environment.put("AWS_SECRET_ACCESS_KEY", call.key().secret());
			environment.put("AWS_DEFAULT_REGION", "eu-central-1");
			environment.put("AWS_CONFIG_FILE", config.toString());
			environment.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
			environment.put("AWS_EC2_METADATA_DISABLED", "true");
			environment.put("AWS_MAX_ATTEMPTS", "1");
			environment.put("AWS_PAGER", "");
			Path stdout = files.resolve("stdout");
			Path stderr = files.resolve("stderr");
			Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
			if (!process.waitFor(90, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("the AWS CLI did not finish in 90 s: " + command);
			}
			String out = Files.readString(stdout, StandardCharsets.UTF_8);
			String err = Files.readString(stderr, StandardCharsets.UTF_8);
			String output = "exit " + process.exitValue() + "\n" + out + err;
			if (process.exitValue() == 0) {
				return new Outcome(0, JSON.readTree(out), null, null, output);
			}
			assertThat(process.exitValue()).as("a service error, not a failure of the CLI: " + output)
				.isIn(SERVICE_ERROR);
			Matcher error = ERROR.matcher(err);
			assertThat(error.find()).as("the CLI's error line: " + output).isTrue();
			return new Outcome(process.exitValue(), null, error.group(1), error.group(2), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot run the AWS CLI '" + cli() + "' (install awscli; .ci/run does)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
