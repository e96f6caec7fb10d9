package app.tasklens.cli;

import java.nio.file.Path;

import app.tasklens.vision.VisionSettings;

/**
 * The settings the server reads from Spring's environment, read the same way for commands that run
 * without Spring: environment variables with the server's defaults.
 */
final class CliSettings {

	private CliSettings() {
	}

	static Path dataDir() {
		return Path.of(env("TASKLENS_DATA_DIR", "./data"));
	}

	static VisionSettings vision() {
		Path models = Path.of(env("TASKLENS_MODELS_DIR", dataDir().resolve("models").toString()));
		return new VisionSettings(models, Integer.parseInt(env("TASKLENS_VISION_INTRAOPTHREADS", "1")),
				Integer.parseInt(env("TASKLENS_VISION_CONCURRENTINFERENCES", "0")),
				Boolean.parseBoolean(env("TASKLENS_VISION_FETCHMISSING", "true")),
				Path.of(env("TASKLENS_VISION_NATIVECACHEDIR", dataDir().resolve(".cache").toString())));
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}
}
