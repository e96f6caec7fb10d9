package app.tasklens.cli;

import java.util.Map;
import java.util.function.Function;

/**
 * The commands of {@code ./tasklens} other than {@code serve}. Each runs without the web server and
 * returns a process exit code.
 */
public final class Commands {

	private static final Map<String, Function<String[], Integer>> COMMANDS = Map.of(
			"label", LabelCommand::run,
			"bench-api", BenchApiCommand::run,
			"bench-pipeline", BenchPipelineCommand::run, "bench-labels", BenchLabelsCommand::run);

	private Commands() {
	}

	public static boolean handles(String[] args) {
		return args.length > 0 && COMMANDS.containsKey(args[0]);
	}

	public static int run(String[] args) {
		String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
		return COMMANDS.get(args[0]).apply(rest);
	}
}
