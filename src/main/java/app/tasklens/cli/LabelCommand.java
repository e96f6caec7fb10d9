package app.tasklens.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.json.JsonMapper;

import app.tasklens.labeling.DetectLabelsResponse;
import app.tasklens.labeling.DetectOptions;
import app.tasklens.labeling.DetectorUnavailableException;
import app.tasklens.labeling.LabelDetection;
import app.tasklens.labeling.LabelDetector;
import app.tasklens.labeling.UnreadableImageException;
import app.tasklens.vision.OnnxLabelDetector;
import app.tasklens.vision.VisionSettings;

/**
 * {@code ./tasklens label [--max-labels N] [--min-confidence X] [--no-text] FILE...}: one DetectLabels JSON
 * object per image on standard output, one per line, in the order given. The models load once; images are
 * labeled on all cores. A file that fails gets a message on standard error and the exit code 1; the other
 * files are still labeled.
 */
final class LabelCommand {

	static final String USAGE = "usage: ./tasklens label [--max-labels N] [--min-confidence X] [--no-text] FILE...";

	private LabelCommand() {
	}

	static int run(String[] args) {
		return run(args, System.out, System.err);
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		DetectOptions options = DetectOptions.defaults();
		List<Path> files = new ArrayList<>();
		try {
			for (int i = 0; i < args.length; i++) {
				switch (args[i]) {
					case "--max-labels" -> options = options.withMaxLabels(Integer.parseInt(value(args, ++i)));
					case "--min-confidence" -> options = options.withMinConfidence(Double.parseDouble(value(args, ++i)));
					case "--no-text" -> options = options.withDetectText(false);
					case "-h", "--help" -> {
						out.println(USAGE);
						return 0;
					}
					default -> {
						if (args[i].startsWith("--")) {
							throw new IllegalArgumentException("unknown option " + args[i]);
						}
						files.add(Path.of(args[i]));
					}
				}
			}
		}
		catch (IllegalArgumentException ex) {
			err.println("tasklens label: " + ex.getMessage());
			err.println(USAGE);
			return 2;
		}
		if (files.isEmpty()) {
			err.println(USAGE);
			return 2;
		}
		try (OnnxLabelDetector detector = OnnxLabelDetector.open(CliSettings.vision())) {
			return label(detector, files, options, out, err);
		}
		catch (Exception ex) {
			err.println("tasklens label: " + ex.getMessage());
			return 1;
		}
	}

	private static int label(LabelDetector detector, List<Path> files, DetectOptions options, PrintStream out,
			PrintStream err) {
		JsonMapper json = JsonMapper.builder().build();
		ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
		try {
			List<Future<LabelDetection>> results = new ArrayList<>();
			for (Path file : files) {
				DetectOptions fileOptions = options;
				results.add(pool.submit(() -> detector.detect(Files.readAllBytes(file), fileOptions)));
			}
			int failed = 0;
			for (int i = 0; i < files.size(); i++) {
				try {
					out.println(json.writeValueAsString(DetectLabelsResponse.of(files.get(i).toString(), results.get(i).get())));
					out.flush();
				}
				catch (ExecutionException ex) {
					failed++;
					err.println(files.get(i) + ": " + reason(ex.getCause()));
				}
			}
			return failed == 0 ? 0 : 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static String reason(Throwable cause) {
		if (cause instanceof java.nio.file.NoSuchFileException) {
			return "no such file";
		}
		if (cause instanceof IOException io) {
			return "cannot read: " + io.getMessage();
		}
		if (cause instanceof UnreadableImageException || cause instanceof DetectorUnavailableException) {
			return cause.getMessage();
		}
		return "labeling failed: " + cause;
	}

	private static String value(String[] args, int index) {
		if (index >= args.length) {
			throw new IllegalArgumentException(args[index - 1] + " needs a value");
		}
		return args[index];
	}
}
