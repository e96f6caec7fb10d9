package app.tasklens.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * Where image bytes are kept, by key (port). Shaped like S3: clients send and fetch bytes through
 * presigned requests; the server stages and publishes objects atomically, streams them out and deletes
 * them idempotently. Keys are made by the server from ids only.
 */
public interface ObjectStore {

	/** The request a client makes to upload the bytes {@code grant} allows. */
	SignedRequest uploadTarget(UploadGrant grant);

	/**
	 * A request a client may make to fetch the object directly, or empty when the object is served through
	 * this server (see {@link #open}).
	 */
	Optional<SignedRequest> downloadTarget(String key, String contentType, String filename, Instant expiresAt);

	/**
	 * Streams {@code content} into a staging area, stopping with {@link UploadTooLargeException} past
	 * {@code maxBytes}. Nothing is visible under any key until {@link Staged#publish}; closing an
	 * unpublished object discards it.
	 */
	Staged stage(InputStream content, long maxBytes) throws IOException;

	/** Stages and publishes in one step. */
	default void put(String key, InputStream content, long maxBytes) throws IOException {
		try (Staged staged = stage(content, maxBytes)) {
			staged.publish(key);
		}
	}

	/** The object's bytes, or empty when there is no such object. */
	Optional<InputStream> open(String key) throws IOException;

	/** Removes the object; removing a missing object is not an error. */
	void delete(String key) throws IOException;

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
}
