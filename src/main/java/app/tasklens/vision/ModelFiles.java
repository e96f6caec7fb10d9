package app.tasklens.vision;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import app.tasklens.labeling.ModelsMissingException;

/**
 * The models directory: hands out the path of a catalogued model only after its size and SHA-256 match, and
 * fetches a missing one from its source first when allowed ({@code tasklens.vision.fetch-missing}).
 */
public final class ModelFiles {

	private final Path directory;
	/** Null when missing files are only reported. */
	private final ModelFetcher fetcher;

	/** A models directory that is never written to: a missing file is reported, not fetched. */
	public ModelFiles(Path directory) {
		this(directory, (ModelFetcher) null);
	}

	/** @param fetchMissing fetch a missing file from {@link Model#source()} (SHA-256 verified, atomic rename) */
	public ModelFiles(Path directory, boolean fetchMissing) {
		this(directory, fetchMissing ? new ModelFetcher() : null);
	}

	ModelFiles(Path directory, ModelFetcher fetcher) {
		this.directory = directory.toAbsolutePath().normalize();
		this.fetcher = fetcher;
	}

	public Path directory() {
		return directory;
	}

	/**
	 * The catalogued models whose file is not there, or not of its pinned size (a download cut short): a
	 * quick look that reads no file, for saying at start whether labeling can run. The digest is checked
	 * when a model loads.
	 */
	public List<Model> absent() {
		return Arrays.stream(Model.values()).filter(model -> {
			Path path = directory.resolve(model.file());
			try {
				return !Files.isRegularFile(path) || Files.size(path) != model.size();
			}
			catch (IOException ex) {
				return true;
			}
		}).toList();
	}

	/**
	 * @throws ModelsMissingException when the file is missing (and could not be fetched) or is not the
	 *         pinned one, with a message that tells the operator which file to put where
	 */
	public Path require(Model model) {
		Path path = directory.resolve(model.file());
		if (!Files.isRegularFile(path)) {
			if (fetcher == null) {
				throw new ModelsMissingException(missing(model));
			}
			fetch(model, path);
		}
		String actual = sha256(path);
		if (!actual.equals(model.sha256())) {
			throw new ModelsMissingException("model " + model.name() + " at " + path + " has sha256 " + actual
					+ ", expected " + model.sha256() + ": replace it with the file from " + model.source());
		}
		return path;
	}

	/** One fetch at a time, so concurrent first uses of a model download it once. */
	private synchronized void fetch(Model model, Path path) {
		if (Files.isRegularFile(path)) {
			return;
		}
		try {
			Files.createDirectories(directory);
			fetcher.fetch(model, directory);
		}
		catch (IOException | RuntimeException ex) {
			throw new ModelsMissingException(missing(model) + "; fetching it failed: " + reason(ex), ex);
		}
	}

	private static String reason(Exception ex) {
		return ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
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
