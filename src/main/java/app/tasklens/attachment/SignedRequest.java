package app.tasklens.attachment;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * A request a client may make directly to the object store, presigned: the URL carries the
 * authorization, {@code headers} must be sent as given, and it stops working at {@code expiresAt}.
 * A relative URL is relative to this server.
 */
public record SignedRequest(URI url, String method, Map<String, String> headers, Instant expiresAt) {

	public SignedRequest {
		headers = Map.copyOf(headers);
	}
}
