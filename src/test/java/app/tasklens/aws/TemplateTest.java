package app.tasklens.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * {@code template.yaml} checked by AWS's CloudFormation linter through {@code tools/aws/cfn-lint}, the script
 * {@code .ci/run} calls: it finds the linter also where the shell has no pyenv on its PATH, and says what to
 * install where there is none. Plus what the linter cannot know: the environment the template gives the
 * functions is the one the {@code aws} profile's adapters need.
 */
class TemplateTest {

	private static final Path LINT = Path.of("tools/aws/cfn-lint").toAbsolutePath();
	private static final Path TEMPLATE = Path.of("template.yaml").toAbsolutePath();
	/** A shell's PATH without pyenv's or anyone's additions, as a non-interactive shell of CI may have it. */
	private static final String BARE_PATH = "/usr/local/bin:/usr/bin:/bin";

	record Run(int exit, String output) {
	}

	@Test
	void theTemplatePassesTheLinterFoundWithoutPyenvOnThePath() throws Exception {
		Run run = lint(Map.of("PATH", BARE_PATH), TEMPLATE);

		assertThat(run.exit()).as(run.output()).isZero();
	}

	@Test
	void aTemplateWithAnUnknownPropertyFailsTheLint() throws Exception {
		Path broken = Files.createDirectories(Path.of("target/template-test")).resolve("broken.yaml");
		Files.writeString(broken, Files.readString(TEMPLATE)
			.replace("      MessageRetentionPeriod: 1209600", "      MessageRetentionPeriod: 1209600\n      RetainForever: true"));

		Run run = lint(Map.of("PATH", BARE_PATH), broken);

		assertThat(run.exit()).as(run.output()).isNotZero();
		assertThat(run.output()).contains("RetainForever");
	}

	@Test
	void withoutTheLinterTheScriptSaysWhatToInstall() throws Exception {
		Path home = Files.createDirectories(Path.of("target/template-test/empty-home").toAbsolutePath());
		// A PATH with only what the script itself runs on: no cfn-lint and no Python, wherever this test runs.
		Path bin = Files.createDirectories(Path.of("target/template-test/bin").toAbsolutePath());
		for (String tool : List.of("env", "bash")) {
			Path link = bin.resolve(tool);
			if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
				Files.createSymbolicLink(link, Path.of("/usr/bin", tool).toRealPath());
			}
		}

		Run run = lint(Map.of("PATH", bin.toString(), "HOME", home.toString(), "PYENV_ROOT", home.resolve(".pyenv").toString()),
				TEMPLATE);

		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.output()).contains("cfn-lint is missing").contains("pip install cfn-lint");
	}

	/**
	 * The S3 store signs its requests and upload URLs for {@code tasklens.objects.s3.region}, whose default
	 * (us-east-1) is wrong for a stack anywhere else: browsers' uploads to the bucket would be refused.
	 */
	@Test
	void theFunctionsUseTheStacksBucketInTheStacksRegion() throws IOException {
		String globals = section(Files.readString(TEMPLATE), "Globals:", "Resources:");

		assertThat(globals).contains("TASKLENS_OBJECTS_S3_BUCKET: ").contains("TASKLENS_OBJECTS_S3_REGION: !Ref AWS::Region");
	}

	private static String section(String text, String from, String to) {
		return text.substring(text.indexOf("\n" + from), text.indexOf("\n" + to));
	}

	private static Run lint(Map<String, String> environment, Path template) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(List.of(LINT.toString(), template.toString())).redirectErrorStream(true);
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("cfn-lint finished").isTrue();
		return new Run(process.exitValue(), output);
	}
}
