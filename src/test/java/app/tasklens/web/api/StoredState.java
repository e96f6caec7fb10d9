package app.tasklens.web.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Everything a request about one task's images could leave behind: its attachment rows (with status and
 * revision), their labeling jobs, labels and search terms, the files in its folder and any file being
 * staged. Equal before and after a rejected request means the request kept nothing.
 */
record StoredState(List<String> attachments, long jobs, long labels, long terms, List<Path> files) {

	static StoredState of(JdbcClient jdbc, Path dataDir, String ownerId, String taskId) {
		return new StoredState(
				jdbc.sql("SELECT id || ' ' || status || ' ' || revision FROM attachments WHERE task_id = ? ORDER BY id")
					.param(taskId).query(String.class).list(),
				count(jdbc, "SELECT COUNT(*) FROM labeling_jobs j JOIN attachments a ON a.id = j.attachment_id"
						+ " WHERE a.task_id = ?", taskId),
				count(jdbc, "SELECT COUNT(*) FROM attachment_labels WHERE task_id = ?", taskId),
				count(jdbc, "SELECT COUNT(*) FROM attachment_label_terms WHERE task_id = ?", taskId),
				Stream.concat(filesUnder(dataDir.resolve("objects").resolve(ownerId).resolve(taskId)).stream(),
						filesUnder(dataDir.resolve("objects").resolve(".staging")).stream()).toList());
	}

	/** Every file under {@code dir}, none when there is no such folder. */
	static List<Path> filesUnder(Path dir) {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		List<Path> files = new java.util.ArrayList<>();
		try {
			// The sweeper may remove a folder while it is walked: a folder that vanished holds no files.
			Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
				@Override
				public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attributes) {
					if (attributes.isRegularFile()) {
						files.add(file);
					}
					return java.nio.file.FileVisitResult.CONTINUE;
				}

				@Override
				public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
					if (ex instanceof java.nio.file.NoSuchFileException) {
						return java.nio.file.FileVisitResult.CONTINUE;
					}
					throw ex;
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return files.stream().sorted().toList();
	}

	private static long count(JdbcClient jdbc, String sql, String taskId) {
		return jdbc.sql(sql).param(taskId).query(Long.class).single();
	}
}
