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
import java.util.Optional;

/**
 * A secret key kept in the data directory: generated at first start from {@link SecureRandom}, readable
 * by the owner only, never in code or configuration. Several nodes share a key by sharing the file (or
 * by an adapter that reads it from a secret store). With a SQL store the keys live in the database instead
 * and a file found here is imported once ({@link ServerKeys}).
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

	/** The key in {@code <dataDir>/keys/<name>} if that file exists. */
	public static Optional<byte[]> existing(Path dataDir, String name, int bytes) {
		Path file = dataDir.toAbsolutePath().normalize().resolve("keys").resolve(name);
		try {
			return Files.isRegularFile(file) ? Optional.of(read(file, bytes)) : Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read key file " + file, ex);
		}
	}

	/**
	 * A key derived from a secret that every node or function instance is given (on AWS, from Secrets
	 * Manager through {@code TASKLENS_KEYS_SECRET}), so that what one signs the others accept: HMAC-SHA256 of
	 * the key's name under the secret, one key per name.
	 */
	public static byte[] derive(String secret, String name, int bytes) {
		if (secret.length() < 32) {
			throw new IllegalArgumentException("tasklens.keys.secret must have at least 32 characters");
		}
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] derived = mac.doFinal(("tasklens key " + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
			return java.util.Arrays.copyOf(derived, bytes);
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is missing from this JVM", ex);
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
