package app.tasklens.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * Where image bytes are kept, by key (port). Shaped like S3: the store owns the byte transport, so clients
 * send and fetch bytes through requests it signs ({@link #uploadTarget}, {@link #downloadTarget}); the
 * server reads objects, in ranges when it needs only a header, writes the objects it makes itself
 * (thumbnails) and deletes them idempotently. Keys are made by the server from ids only.
 *
 * <p>A store tells Tasklens that an object arrived by calling
 * {@link AttachmentUploads#objectCreated(String, long)}: the local store's upload endpoint does so after
 * publishing the bytes, an S3 event notification or the client's completion call does so for a bucket.
 *
 * <p>{@code ObjectStoreContract} in the tests holds every adapter to this contract.
 */
public interface ObjectStore {

	/** The request a client makes to send the bytes {@code grant} allows, straight to the store. */
	UploadTarget uploadTarget(UploadGrant grant);

	/**
	 * A request a client may make to fetch the object directly, or empty when the object is served through
	 * this server (see {@link #open}).
	 */
	Optional<SignedRequest> downloadTarget(String key, String contentType, String filename, Instant expiresAt);

	/**
	 * The origin ({@code scheme://host[:port]}) that browsers talk to for {@link #uploadTarget} and
	 * {@link #downloadTarget}, which the Content-Security-Policy must allow; empty when they talk only to
	 * this server.
	 */
	default Optional<URI> clientOrigin() {
		return Optional.empty();
	}

	/** The object's size in bytes, or empty when there is no such object. */
	Optional<Long> size(String key) throws IOException;

	/** The object's bytes, or empty when there is no such object. */
	Optional<InputStream> open(String key) throws IOException;

	/**
	 * At most {@code length} bytes of the object from {@code offset} (fewer at its end, none past it), or
	 * empty when there is no such object.
	 */
	Optional<InputStream> open(String key, long offset, long length) throws IOException;

	/**
	 * Stores an object the server made (a thumbnail), {@code length} bytes of {@code contentType}, whole or
	 * not at all, replacing any previous one.
	 */
	void put(String key, InputStream content, long length, String contentType) throws IOException;

	/** Removes the object; removing a missing object is not an error. */
	void delete(String key) throws IOException;
}
