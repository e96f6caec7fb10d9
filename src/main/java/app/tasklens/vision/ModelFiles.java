package app.tasklens.vision;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import app.tasklens.labeling.DetectorUnavailableException;

/**
 * The models directory: hands out the path of a catalogued model only after its size and SHA-256 match.
 */
public final class ModelFiles {

	private final Path directory;

	public ModelFiles(Path directory) {
		this.directory = directory.toAbsolutePath().normalize();
	}

	public Path directory() {
		return directory;
	}

	/**
	 * @throws DetectorUnavailableException when the file is missing or is not the pinned one, with a message
	 *         that tells the operator which file to put where
	 */
	public Path require(Model model) {
		Path path = directory.resolve(model.file());
		if (!Files.isRegularFile(path)) {
			throw new DetectorUnavailableException(missing(model));
		}
		String actual = sha256(path);
		if (!actual.equals(model.sha256())) {
			throw new DetectorUnavailableException("model " + model.name() + " at " + path + " has sha256 " + actual
					+ ", expected " + model.sha256() + ": replace it with the file from " + model.source());
		}
		return path;
	}

	String missing(Model model) {
		return "model " + model.name() + " missing: put file " + model.file() + " (sha256 " + model.sha256()
				+ ", from " + model.source() + ") in " + directory;
	}

	static String sha256(Path path) {
		try (InputStream in = Files.newInputStream(path)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[1 << 16];
			for (int n; (n = in.read(buffer)) > 0;) {
				digest.update(buffer, 0, n);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
