package app.tasklens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The command line of {@code ./tasklens}: usage on request, errors with usage, the server's arguments. */
class CommandsTest {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@ParameterizedTest
	@ValueSource(strings = { "--help", "-h", "help" })
	void helpPrintsTheUsageOfEveryCommandInsteadOfStartingTheServer(String help) {
		assertThat(run(help)).isZero();

		assertThat(out()).startsWith("Tasklens: ")
			.contains("usage: ./tasklens [COMMAND] [OPTIONS]")
			.contains("  serve ", "  label ", "  bench-api ", "  bench-pipeline ", "  bench-labels ", "  bench-rekognition ", "  help [COMMAND] ")
			.contains("--port N", "--data-dir DIR", "--models-dir DIR", "-h, --help");
		assertThat(err()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "serve", "label", "bench-api", "bench-pipeline", "bench-labels", "bench-rekognition" })
	void everyCommandAnswersHelpWithItsOwnUsage(String command) {
		assertThat(run(command, "--help")).isZero();
		String usage = out();
		assertThat(usage).startsWith("usage: ./tasklens " + (command.equals("serve") ? "[serve]" : command));

		out.reset();
		assertThat(run("help", command)).isZero();
		assertThat(out()).isEqualTo(usage);
		out.reset();
		assertThat(run(command, "-h")).isZero();
		assertThat(out()).isEqualTo(usage);
	}

	@Test
	void labelsUsageNamesItsOptions() {
		run("label", "--help");

		assertThat(out()).contains("--max-labels N", "--min-confidence X", "--no-text", "FILE...");
	}

	@ParameterizedTest
	@ValueSource(strings = { "--prot=9000", "--verbose", "--tasklens.", "stray", "--tasklens.data-dir" })
	void anUnknownOptionOfTheServerIsAnErrorWithUsage(String option) {
		assertThat(run("serve", option)).isEqualTo(Commands.USAGE_ERROR);

		assertThat(err()).startsWith("tasklens serve: ").contains(option).contains("usage: ./tasklens [serve]");
		assertThat(out()).isEmpty();
		err.reset();
		assertThat(run(option)).as("without the command name too").isEqualTo(Commands.USAGE_ERROR);
		assertThat(err()).startsWith(option.startsWith("-") ? "tasklens serve: " : "tasklens: unknown command " + option);
	}

	@Test
	void anUnknownCommandIsAnErrorWithTheUsageOfAll() {
		assertThat(run("serv")).isEqualTo(Commands.USAGE_ERROR);

		assertThat(err()).startsWith("tasklens: unknown command serv").contains("usage: ./tasklens [COMMAND] [OPTIONS]");
		err.reset();
		assertThat(run("help", "nope")).isEqualTo(Commands.USAGE_ERROR);
		assertThat(err()).startsWith("tasklens: unknown command nope");
	}

	@ParameterizedTest
	@ValueSource(strings = { "--postgres mysql://127.0.0.1/tasks", "--postgres", "--rounds 0", "--seconds x", "--sqlite yes" })
	void theApiBenchmarkRefusesOptionsItCannotRunWithUsage(String options) {
		assertThat(runBenchmark(("bench-api " + options).split(" "))).isEqualTo(Commands.USAGE_ERROR);

		assertThat(err()).contains("usage: ./tasklens bench-api").contains("[--postgres JDBC_URL]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "--postgres mysql://127.0.0.1/tasks", "--postgres", "--uploads 0", "--burst x",
			"--nodes 2", "--nodes 9 --postgres jdbc:postgresql://127.0.0.1/tasks", "--sqlite yes",
			"--nodes 2 --postgres jdbc:postgresql://127.0.0.1/tasks" })
	void thePipelineBenchmarkRefusesOptionsItCannotRunWithUsageAndTheReason(String options) {
		// Without a bucket in the environment (CI has none) two nodes have nothing to share their images in.
		assertThat(runBenchmark(("bench-pipeline " + options).split(" "))).isEqualTo(Commands.USAGE_ERROR);

		assertThat(err()).startsWith("bench-pipeline: ").contains("usage: ./tasklens bench-pipeline")
			.contains("[--postgres JDBC_URL [--nodes N]]");
	}

	@Test
	void twoPipelineNodesNeedPostgresAndABucketToShare() {
		String url = "jdbc:postgresql://127.0.0.1:5432/tasks";
		Map<String, String> bucket = Map.of("TASKLENS_OBJECTS_S3_BUCKET", "photos");

		BenchPipelineCommand.Options options = BenchPipelineCommand.Options.parse(
				new String[] { "--postgres", url, "--nodes", "2", "--burst", "50" }, bucket);

		assertThat(options).isEqualTo(new BenchPipelineCommand.Options(40, 50, Path.of("../shared/eval/coco/images"), url, 2));
		assertThat(BenchPipelineCommand.Options.parse(new String[] { "--postgres", url }, Map.of()).nodes())
			.isEqualTo(1);
		assertThat(BenchPipelineCommand.Options.parse(new String[] { "--postgres", url, "--nodes", "2" },
				Map.of("TASKLENS_OBJECTS_S3_BUCKET", " "))).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"jdbc:postgresql://127.0.0.1:5432/postgres|jdbc:postgresql://127.0.0.1:5432/bench_1",
			"jdbc:postgresql://db.example:5432/tasks?sslmode=require|jdbc:postgresql://db.example:5432/bench_1?sslmode=require",
			"jdbc:postgresql://127.0.0.1:5432?ApplicationName=x|jdbc:postgresql://127.0.0.1:5432/bench_1?ApplicationName=x",
			"jdbc:postgresql://127.0.0.1:5432|jdbc:postgresql://127.0.0.1:5432/bench_1" })
	void aBenchmarkDatabaseKeepsTheServerAndParametersOfTheGivenUrl(String given, String expected) {
		assertThat(PostgresDatabases.withDatabase(given, "bench_1")).isEqualTo(expected);
	}

	@Test
	void aValuelessServerOptionIsAnError() {
		assertThat(run("--port")).isEqualTo(Commands.USAGE_ERROR);

		assertThat(err()).startsWith("tasklens serve: --port needs a value");
	}

	@Test
	void theServerGetsItsOptionsAsTheSettingsTheyStandForAndSettingsAsTheyAre() {
		Commands.Invocation invocation = Commands.parse(new String[] { "serve", "--port", "9000", "--data-dir=/srv/t",
				"--models-dir", "m", "--role", "worker", "--tasklens.account.token-lifetime=1h", "--server.address=127.0.0.1" });

		assertThat(invocation).isInstanceOfSatisfying(Commands.Invocation.Serve.class,
				serve -> assertThat(serve.springArguments()).containsExactly("--server.port=9000",
						"--tasklens.data-dir=/srv/t", "--tasklens.vision.models-dir=m", "--tasklens.role=worker",
						"--tasklens.account.token-lifetime=1h", "--server.address=127.0.0.1"));
		assertThat(Commands.parse(new String[0])).isInstanceOfSatisfying(Commands.Invocation.Serve.class,
				serve -> assertThat(serve.springArguments()).isEmpty());
	}

	private int run(String... args) {
		Commands.Invocation invocation = Commands.parse(args);
		assertThat(invocation).as("%s runs a command, it does not start the server", String.join(" ", args))
			.isInstanceOf(Commands.Invocation.Run.class);
		return ((Commands.Invocation.Run) invocation).command()
			.apply(new Commands.PrintStreams(new PrintStream(out, true, StandardCharsets.UTF_8),
					new PrintStream(err, true, StandardCharsets.UTF_8)));
	}

	/** A benchmark command; the benchmarks write to System.err themselves, which is caught here. */
	private int runBenchmark(String... args) {
		PrintStream systemErr = System.err;
		System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
		try {
			return run(args);
		}
		finally {
			System.setErr(systemErr);
		}
	}

	private String out() {
		return out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return err.toString(StandardCharsets.UTF_8);
	}
}
