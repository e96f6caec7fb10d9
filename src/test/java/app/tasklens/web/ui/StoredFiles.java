package app.tasklens.web.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The files the local store keeps for a task, under {@code <data>/objects/<user>/<task>/}. */
final class StoredFiles {

	private StoredFiles() {
	}

	/** Images and thumbnails. */
	static List<Path> ofTask(Path dataDir, String taskId) {
		Path objects = dataDir.resolve("objects");
		if (!Files.isDirectory(objects)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(objects)) {
			return files.filter(Files::isRegularFile)
				.filter(file -> file.getParent().getFileName().toString().equals(taskId))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The uploaded images, without thumbnails. */
	static List<Path> originalsOf(Path dataDir, String taskId) {
		return ofTask(dataDir, taskId).stream().filter(file -> !file.getFileName().toString().contains(".thumb.")).toList();
	}
}
