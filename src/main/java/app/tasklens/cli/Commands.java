package app.tasklens.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The command line of {@code ./tasklens}: which command runs, its usage, and the arguments of {@code serve}
 * (the default command) as Spring Boot reads them. Every command answers {@code --help}; {@code --help},
 * {@code -h} and {@code help} alone print the usage of all. An unknown command or option is an error that
 * prints the usage, never something passed on and silently ignored.
 */
public final class Commands {

	/** Exit code of a command line that could not be understood (as sysexits' EX_USAGE is to shells: not 1). */
	static final int USAGE_ERROR = 2;

	/** Spring Boot settings that {@code serve} takes as {@code --name=value}; any other option is unknown. */
	private static final List<String> SETTING_PREFIXES = List.of("tasklens.", "server.", "spring.", "management.",
			"logging.", "springdoc.");

	private record Command(String name, String synopsis, String summary, String details,
			Function<String[], Integer> run) {

		String usage() {
			return "usage: ./tasklens " + synopsis + "\n\n" + summary + ".\n" + (details.isEmpty() ? "" : "\n" + details)
					+ "\n" + COMMON_OPTIONS;
		}
	}

	private static final String COMMON_OPTIONS = """
			options of every command (or the environment variable named):
			  --port N          HTTP port of the server (SERVER_PORT, default 8080)
			  --data-dir DIR    the folder of all data: database, images, keys (TASKLENS_DATA_DIR, default ./data,
			                    relative to the folder you start in; the server prints the absolute path)
			  --models-dir DIR  the label models (TASKLENS_MODELS_DIR, default <data dir>/models)
			  -h, --help        this usage
			""";

	private static final List<Command> COMMANDS = List.of(
			new Command("serve", "[serve] [--role web|worker|all] [--port N] [--data-dir DIR] [--models-dir DIR] [--SETTING=VALUE]...",
					"Web UI, JSON API and labeling workers in one process (the default command)", """
							--role web serves the UI and the API only, --role worker only labels (no HTTP port), on
							nodes sharing one PostgreSQL (TASKLENS_ROLE; default all: both).
							On start it logs one line with the address to open, the data folder, the models folder
							and whether the models are ready (or what is missing and how to fix it).
							--SETTING=VALUE sets a setting of the README's configuration table, e.g.
							  ./tasklens serve --tasklens.account.token-lifetime=1h
							Settings start with tasklens., server., spring., management., logging. or springdoc.
							""", null),
			new Command("label", "label [--max-labels N] [--min-confidence X] [--no-text] FILE...",
					"Labels image files from the shell: one DetectLabels JSON object per image and line", """
							  --max-labels N       labels kept per image (default 50)
							  --min-confidence X   drop labels below this confidence, 0-100 (default 55)
							  --no-text            do not read text in the images
							A file that fails gets a message on standard error and exit code 1; the others are
							still labeled.
							""", LabelCommand::run),
			new Command("bench-api", "bench-api [--connections N] [--seconds S] [--rounds R] [--warmup S] [--postgres JDBC_URL]",
					"Benchmark: API throughput and latency of a server started on a fresh data folder", """
							  --connections N   concurrent keep-alive clients (default 16)
							  --seconds S       length of a measured round (default 5)
							  --rounds R        interleaved rounds (default 3)
							  --warmup S        warm-up before the rounds (default 2)
							  --postgres URL    also a server on this PostgreSQL database (jdbc:postgresql://…, user and
							                    password from TASKLENS_DATABASE_USERNAME/_PASSWORD), beside SQLite,
							                    interleaved round by round
							""", BenchApiCommand::run),
			new Command("bench-pipeline",
					"bench-pipeline [--uploads N] [--burst N] [--images DIR] [--postgres JDBC_URL [--nodes N]]",
					"Benchmark: upload-to-labels latency, burst throughput and memory of a started server", """
							  --uploads N       uploads one at a time, for latency (default 40)
							  --burst N         uploads at once, for throughput (default 200)
							  --images DIR      the photos (default ../shared/eval/coco/images)
							  --postgres URL    also a server on PostgreSQL beside the one on SQLite, interleaved: a
							                    database of its own on the server of this jdbc:postgresql:// URL, made
							                    for the run and dropped after it (user and password from
							                    TASKLENS_DATABASE_USERNAME/_PASSWORD; the user needs CREATEDB)
							  --nodes N         also PostgreSQL with the images in TASKLENS_OBJECTS_S3_BUCKET (and
							                    _ENDPOINT, _REGION, _PATH_STYLE, AWS credentials) on one node and on N
							                    nodes sharing a database and the bucket, uploads alternating
							""", BenchPipelineCommand::run),
			new Command("bench-hardening", "bench-hardening [--small-dir DIR] [--photos DIR] [--jar JAR]",
					"Benchmark: the red team's attacks replayed against servers started on fresh data folders", """
							  --small-dir DIR   a folder on a small file system, to fill up (without it that case is skipped)
							  --photos DIR      where the photo for the full-disk case comes from (default ../shared/eval/coco/images)
							  --jar JAR         attack the server of another build instead of this one, to compare before and after
							""", BenchHardeningCommand::run),
			new Command("bench-search",
					"bench-search [--tasks N] [--images N] [--connections N] [--seconds S] [--rounds R]",
					"Benchmark: GET /api/tasks?q= latency with many tasks and labeled images of one user", """
							  --tasks N         tasks of the user (default 1000)
							  --images N        labeled images spread over them (default 3000)
							  --connections N   concurrent keep-alive clients (default 1: latency)
							  --seconds S       length of a measured round (default 3)
							  --rounds R        interleaved rounds (default 3)
							Exit code 1 when the slowest search's median is over 20 ms.
							""", BenchSearchCommand::run),
			new Command("bench-rekognition",
					"bench-rekognition [--clients N] [--images-per-round N] [--rounds R] [--images DIR]",
					"Benchmark: DetectLabels through the Rekognition-compatible endpoint beside ./tasklens label", """
							  --clients N            concurrent AWS SDK for Java v2 clients, a key each (default 4)
							  --images-per-round N   DetectLabels calls, and images labeled, per round (default 40)
							  --rounds R             interleaved rounds (default 3)
							  --images DIR           the photos (default ../shared/eval/coco/images)
							Exit code 1 when a call failed.
							""", BenchRekognitionCommand::run),
			new Command("bench-labels", "bench-labels [--eval DIR] [--out DIR]",
					"Benchmark: labeler accuracy and speed on a labeled image set", """
							  --eval DIR   the labeled images (default ../shared/eval)
							  --out DIR    where bench-labels.json and .md go (default target/bench-labels)
							""", BenchLabelsCommand::run));

	private Commands() {
	}

	/** What a command line asks for: a command to run now, or the server with these Spring Boot arguments. */
	public sealed interface Invocation {

		/** Runs a command, or prints usage, and gives the process exit code. */
		record Run(Function<PrintStreams, Integer> command) implements Invocation {
		}

		record Serve(String[] springArguments) implements Invocation {
		}
	}

	/** Standard output and error, so tests can read what a command printed. */
	public record PrintStreams(PrintStream out, PrintStream err) {

		public static PrintStreams system() {
			return new PrintStreams(System.out, System.err);
		}
	}

	public static Invocation parse(String[] args) {
		if (args.length == 0) {
			return serve(args);
		}
		String first = args[0];
		String[] rest = Arrays.copyOfRange(args, 1, args.length);
		if (isHelp(first)) {
			return printed(usage(), 0);
		}
		if (first.equals("help")) {
			if (rest.length == 0) {
				return printed(usage(), 0);
			}
			return command(rest[0]).map(command -> printed(command.usage(), 0))
				.orElseGet(() -> unknownCommand(rest[0]));
		}
		if (first.startsWith("-")) {
			return serve(args);
		}
		Optional<Command> command = command(first);
		if (command.isEmpty()) {
			return unknownCommand(first);
		}
		if (Arrays.stream(rest).anyMatch(Commands::isHelp)) {
			return printed(command.get().usage(), 0);
		}
		if (command.get().run() == null) {
			return serve(rest);
		}
		Function<String[], Integer> run = command.get().run();
		return new Invocation.Run(streams -> run.apply(rest));
	}

	/** The usage of all commands, as {@code ./tasklens --help} prints it. */
	static String usage() {
		StringBuilder text = new StringBuilder("""
				Tasklens: tasks whose attached images are labeled automatically, on this machine.

				usage: ./tasklens [COMMAND] [OPTIONS]

				commands:
				""");
		for (Command command : COMMANDS) {
			text.append(String.format("  %-16s %s%n", command.name(), command.summary()));
		}
		text.append(String.format("  %-16s %s%n", "help [COMMAND]", "This usage, or the usage of one command"))
			.append('\n')
			.append(COMMON_OPTIONS)
			.append("\n./tasklens COMMAND --help says more about a command; README.md about everything.\n");
		return text.toString();
	}

	/**
	 * The server's own options become the settings they stand for (the launcher turns them into environment
	 * variables; this is for {@code java -jar}); settings pass as they are; anything else is refused.
	 */
	private static Invocation serve(String[] args) {
		List<String> spring = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
			String setting = switch (name) {
				case "--port" -> "server.port";
				case "--data-dir" -> "tasklens.data-dir";
				case "--models-dir" -> "tasklens.vision.models-dir";
				case "--role" -> "tasklens.role";
				default -> null;
			};
			if (setting != null) {
				String value;
				if (arg.contains("=")) {
					value = arg.substring(arg.indexOf('=') + 1);
				}
				else if (i + 1 < args.length) {
					value = args[++i];
				}
				else {
					return refused("serve", name + " needs a value");
				}
				spring.add("--" + setting + "=" + value);
			}
			else if (isSetting(arg)) {
				spring.add(arg);
			}
			else {
				return refused("serve", (arg.startsWith("-") ? "unknown option " : "unexpected argument ") + arg);
			}
		}
		return new Invocation.Serve(spring.toArray(String[]::new));
	}

	private static boolean isSetting(String arg) {
		if (!arg.startsWith("--") || !arg.contains("=")) {
			return false;
		}
		String name = arg.substring(2, arg.indexOf('='));
		return SETTING_PREFIXES.stream().anyMatch(prefix -> name.startsWith(prefix) && name.length() > prefix.length());
	}

	private static boolean isHelp(String arg) {
		return arg.equals("-h") || arg.equals("--help");
	}

	private static Optional<Command> command(String name) {
		return COMMANDS.stream().filter(command -> command.name().equals(name)).findFirst();
	}

	private static Invocation unknownCommand(String name) {
		return new Invocation.Run(streams -> {
			streams.err().println("tasklens: unknown command " + name);
			streams.err().println();
			streams.err().print(usage());
			return USAGE_ERROR;
		});
	}

	private static Invocation refused(String commandName, String reason) {
		Command command = command(commandName).orElseThrow();
		return new Invocation.Run(streams -> {
			streams.err().println("tasklens " + commandName + ": " + reason);
			streams.err().println();
			streams.err().print(command.usage());
			return USAGE_ERROR;
		});
	}

	private static Invocation printed(String text, int exitCode) {
		return new Invocation.Run(streams -> {
			streams.out().print(text);
			return exitCode;
		});
	}
}
