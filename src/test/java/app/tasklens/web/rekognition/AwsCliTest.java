package app.tasklens.web.rekognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
		Finished cli = exec(command, call.key());
		if (cli.exitCode() == 0) {
			return new Outcome(0, JSON.readTree(cli.stdout()), null, null, cli.output());
		}
		assertThat(cli.exitCode()).as("a service error, not a failure of the CLI: " + cli.output()).isIn(SERVICE_ERROR);
		Matcher error = ERROR.matcher(cli.stderr());
		assertThat(error.find()).as("the CLI's error line: " + cli.output()).isTrue();
		return new Outcome(cli.exitCode(), null, error.group(1), error.group(2), cli.output());
	}
}
