package app.tasklens.adapter.localfs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import app.tasklens.attachment.ObjectStore;
import app.tasklens.attachment.SignedRequest;
import app.tasklens.attachment.StorageFullException;
import app.tasklens.attachment.UploadGrant;
import app.tasklens.attachment.UploadTarget;
import app.tasklens.attachment.UploadTooLargeException;

/**
 * Objects as files under {@code <data>/objects}, one per key. Bytes are staged in {@code .staging},
 * flushed to disk, then renamed into place, so a reader (or a crash) sees a whole object or none.
 * Clients upload through this server: the upload target is a PUT to {@code /api/uploads/<signed ticket>}
 * ({@link LocalUploads}); downloads are streamed by the server too.
 */
@Component
@ConditionalOnExpression("'${tasklens.objects.s3.bucket:}'.isBlank()")
class LocalObjectStore implements ObjectStore {

	private static final Logger log = LoggerFactory.getLogger(LocalObjectStore.class);
	/** Only keys the server makes: three ids and a known suffix, so no key can climb out of the root. */
	private static final Pattern KEY = Pattern
		.compile("[A-Za-z0-9_-]{22}/[A-Za-z0-9_-]{22}/[A-Za-z0-9_-]{22}\\.(jpg|png|webp|thumb\\.jpg)");
	private static final int BUFFER = 64 * 1024;

	private final Path root;
	private final Path staging;
	/** Staged bytes older than this are left over (see {@link #removeStaging}). */
	static final Duration STALE = Duration.ofMinutes(10);
	private volatile long lastStagingCheck;
	private final UploadTickets tickets;

	LocalObjectStore(@Value("${tasklens.data-dir}") Path dataDir, UploadTickets tickets) {
		this.root = dataDir.toAbsolutePath().normalize().resolve("objects");
		this.staging = root.resolve(".staging");
		this.tickets = tickets;
		try {
			Files.createDirectories(staging);
			removeStaging();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create the objects directory " + root, ex);
		}
	}

	@Override
	public UploadTarget uploadTarget(UploadGrant grant) {
		return UploadTarget.put(URI.create(LocalUploadController.PATH + tickets.sign(grant)),
				Map.of("Content-Type", grant.type().mediaType()), grant.expiresAt());
	}

	@Override
	public Optional<SignedRequest> downloadTarget(String key, String contentType, String filename, Instant expiresAt) {
		return Optional.empty();
	}

	/**
	 * Streams {@code content} into the staging area, stopping with {@link UploadTooLargeException} past
	 * {@code maxBytes}. Nothing is visible under any key until {@link Staged#publish}; closing an
	 * unpublished object discards it.
	 */
	Staged stage(InputStream content, long maxBytes) throws IOException {
		if (System.currentTimeMillis() - lastStagingCheck > STALE.toMillis()) {
			removeStaging();
		}
		Path file = Files.createTempFile(staging, "object-", ".part");
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			byte[] buffer = new byte[BUFFER];
			long size = 0;
			int read;
			while ((read = content.read(buffer)) >= 0) {
				size += read;
				if (size > maxBytes) {
					throw new UploadTooLargeException(maxBytes);
				}
				ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, read);
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
			}
			channel.force(true);
			return new LocalStaged(file, size);
		}
		catch (IOException ex) {
			Files.deleteIfExists(file);
			if (isDiskFull(ex)) {
				throw new StorageFullException("the server's storage is full; the image was not stored", ex);
			}
			throw ex;
		}
		catch (RuntimeException ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
	}

	@Override
	public void put(String key, InputStream content, long length, String contentType) throws IOException {
		try (Staged staged = stage(content, length)) {
			staged.publish(key);
		}
	}

	@Override
	public Optional<Long> size(String key) throws IOException {
		try {
			return Optional.of(Files.size(path(key)));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
	}

	@Override
	public Optional<InputStream> open(String key) throws IOException {
		try {
			return Optional.of(Files.newInputStream(path(key)));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
	}

	@Override
	public Optional<InputStream> open(String key, long offset, long length) throws IOException {
		if (offset < 0 || length < 0) {
			throw new IllegalArgumentException("offset and length must not be negative");
		}
		FileChannel channel;
		try {
			channel = FileChannel.open(path(key), StandardOpenOption.READ);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		channel.position(offset);
		return Optional.of(new BoundedInputStream(Channels.newInputStream(channel), length));
	}

	@Override
	public void delete(String key) throws IOException {
		Path file = path(key);
		Files.deleteIfExists(file);
		// The task's and the user's folders go when they are empty; a publish racing with this retries.
		for (Path dir = file.getParent(); !dir.equals(root); dir = dir.getParent()) {
			try {
				Files.deleteIfExists(dir);
			}
			catch (DirectoryNotEmptyException ex) {
				return;
			}
		}
	}

	private Path path(String key) {
		if (key == null || !KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("not an object key: " + key);
		}
		return root.resolve(key);
	}

	/**
	 * Staged bytes unchanged for {@code STALE} belong to uploads that a stop or crash interrupted: they will never
	 * be published. Younger ones may be another node's uploads in flight, where several nodes share the folder
	 * (or this node's, when it runs while uploads stream): an upload writes at least every few seconds (it is cut
	 * off below {@code tasklens.uploads.min-rate}) and is published within seconds of its last byte. Run at start
	 * and then at most every {@code STALE}, from an upload.
	 */
	private void removeStaging() throws IOException {
		long now = System.currentTimeMillis();
		lastStagingCheck = now;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(staging)) {
			for (Path file : files) {
				try {
					if (now - Files.getLastModifiedTime(file).toMillis() > STALE.toMillis()) {
						log.info("removing {}, left by an upload that was interrupted", file);
						Files.deleteIfExists(file);
					}
				}
				catch (NoSuchFileException ex) {
					// Published or discarded meanwhile.
				}
			}
		}
	}

	/** Bytes in the staging area, not yet under a key. */
	interface Staged extends AutoCloseable {

		long size();

		/** Reads the staged bytes from the start. */
		InputStream open() throws IOException;

		/** Makes the bytes the object {@code key} at once (whole or not at all), replacing any previous one. */
		void publish(String key) throws IOException;

		/** Discards the bytes unless they were published. */
		@Override
		void close() throws IOException;
	}

	private final class LocalStaged implements Staged {

		private final Path file;
		private final long size;
		private boolean published;

		LocalStaged(Path file, long size) {
			this.file = file;
			this.size = size;
		}

		@Override
		public long size() {
			return size;
		}

		@Override
		public InputStream open() throws IOException {
			return Files.newInputStream(file);
		}

		@Override
		public void publish(String key) throws IOException {
			Path target = path(key);
			for (int attempt = 1;; attempt++) {
				try {
					Files.createDirectories(target.getParent());
					Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
					break;
				}
				catch (NoSuchFileException ex) {
					// A delete removed the (empty) folder between creating it and moving into it.
					if (attempt == 3) {
						throw ex;
					}
				}
			}
			published = true;
			syncDirectory(target.getParent());
		}

		@Override
		public void close() throws IOException {
			if (!published) {
				Files.deleteIfExists(file);
			}
		}
	}

	/** ENOSPC as Java reports it on Linux (and EDQUOT, a user's disk quota). */
	private static boolean isDiskFull(IOException ex) {
		String message = String.valueOf(ex.getMessage());
		return message.contains("No space left on device") || message.contains("Disk quota exceeded");
	}

	/** Makes the rename itself durable: on Linux a directory is flushed by fsync on the directory. */
	private static void syncDirectory(Path dir) throws IOException {
		try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

	/** The first {@code limit} bytes of a stream. */
	private static final class BoundedInputStream extends FilterInputStream {

		private long left;

		BoundedInputStream(InputStream in, long limit) {
			super(in);
			this.left = limit;
		}

		@Override
		public int read() throws IOException {
			if (left <= 0) {
				return -1;
			}
			int read = super.read();
			if (read >= 0) {
				left--;
			}
			return read;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (left <= 0) {
				return -1;
			}
			int read = super.read(buffer, offset, (int) Math.min(length, left));
			if (read > 0) {
				left -= read;
			}
			return read;
		}
	}
}
