package app.tasklens.adapter.localfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import app.tasklens.attachment.FreeSpace;

/** The free space of the file system that holds the data folder (the database, the objects, the keys). */
@Component
class LocalFreeSpace implements FreeSpace {

	private final Path dataDir;

	LocalFreeSpace(@Value("${tasklens.data-dir}") Path dataDir) {
		this.dataDir = dataDir.toAbsolutePath().normalize();
	}

	@Override
	public long usableBytes() {
		try {
			Files.createDirectories(dataDir);
			return Files.getFileStore(dataDir).getUsableSpace();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the free space of " + dataDir, ex);
		}
	}
}
