package app.tasklens.attachment;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * How a client sends an attachment's bytes straight to the object store: {@code method} to {@code url}
 * with {@code headers} (a presigned PUT, whose signature may cover Content-Type and Content-Length), or,
 * for a POST, a multipart form of {@code fields} followed by the file in a field named {@code file} (an
 * S3 POST policy, which can bound the size with {@code content-length-range}). It stops working at
 * {@code expiresAt}. A relative URL is relative to this server.
 */
public record UploadTarget(URI url, String method, Map<String, String> headers, Map<String, String> fields,
		Instant expiresAt) {

	public UploadTarget {
		headers = Map.copyOf(headers);
		fields = Map.copyOf(fields);
	}

	public static UploadTarget put(URI url, Map<String, String> headers, Instant expiresAt) {
		return new UploadTarget(url, "PUT", headers, Map.of(), expiresAt);
	}
}
