package app.tasklens.web.rekognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.tasklens.web.api.ApiIntegrationTest;

/**
 * The endpoint through the AWS SDK for JavaScript v3 ({@code @aws-sdk/client-rekognition} from the committed
 * lock file in {@code tools/rekognition-js}, which {@code .ci/run} installs with {@code npm ci}), run with
 * node. An old signature comes from the SDK's own {@code systemClockOffset}.
 */
@ApiIntegrationTest
class JavaScriptSdkTest extends RekognitionClientCases {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Path TOOL = Path.of("tools", "rekognition-js").toAbsolutePath();

	@BeforeAll
	static void installed() {
		assertThat(TOOL.resolve("node_modules").resolve("@aws-sdk").resolve("client-rekognition"))
			.as("run 'npm ci' in " + TOOL + " (.ci/run does)").isDirectory();
	}

	@Override
	Outcome run(Call call) {
		List<String> command = new ArrayList<>(List.of("node", TOOL.resolve("rekognition.js").toString(),
				call.operation(), "http://localhost:" + port));
		if (call.bytes() != null) {
			command.addAll(List.of("--image-bytes", call.bytes().toString()));
		}
		else {
			command.addAll(List.of("--s3-object", call.bucket(), call.name()));
		}
		command.addAll(List.of("--signed-ago", Long.toString(call.signedAgo().toSeconds())));
		Finished node = exec(command, call.key());
		assertThat(node.exitCode()).as("an answer from the service: " + node.output()).isIn(0, 1);
		JsonNode printed = JSON.readTree(node.stdout());
		if (printed.path("ok").asBoolean()) {
			return new Outcome(node.exitCode(), printed.path("response"), null, null, node.output());
		}
		assertThat(printed.path("status").asInt()).as(node.output()).isBetween(400, 599);
		return new Outcome(node.exitCode(), null, printed.path("name").asString(), printed.path("message").asString(),
				node.output());
	}
}
