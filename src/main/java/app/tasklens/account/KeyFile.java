package app.tasklens.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * A secret key kept in the data directory: generated at first start from {@link SecureRandom}, readable
 * by the owner only, never in code or configuration. Several nodes share a key by sharing the file (or
 * by an adapter that reads it from a secret store).
 */
public final class KeyFile {

	private KeyFile() {
	}

	/** The key in {@code <dataDir>/keys/<name>}, created with {@code bytes} random bytes if missing. */
	public static byte[] loadOrCreate(Path dataDir, String name, int bytes) {
		Path dir = dataDir.toAbsolutePath().normalize().resolve("keys");
		Path file = dir.resolve(name);
		try {
			if (Files.isRegularFile(file)) {
				return read(file, bytes);
			}
			Files.createDirectories(dir);
			restrict(dir, "rwx------");
			byte[] key = new byte[bytes];
			new SecureRandom().nextBytes(key);
			Path temp = Files.createTempFile(dir, name, ".tmp");
			restrict(temp, "rw-------");
			Files.write(temp, key);
			try {
				// A second process starting at the same moment keeps whichever key landed first.
				Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (FileAlreadyExistsException | AtomicMoveNotSupportedException ex) {
				Files.deleteIfExists(temp);
			}
			return read(file, bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read or create key file " + file, ex);
		}
	}

	private static byte[] read(Path file, int bytes) throws IOException {
		byte[] key = Files.readAllBytes(file);
		if (key.length != bytes) {
			throw new IllegalStateException("key file " + file + " has " + key.length + " bytes, expected " + bytes);
		}
		return key;
	}

	private static void restrict(Path path, String permissions) throws IOException {
		if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
		}
	}
}
