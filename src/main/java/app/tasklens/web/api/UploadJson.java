package app.tasklens.web.api;

import java.time.Instant;
import java.util.Map;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import app.tasklens.attachment.SignedRequest;

/** How to send the bytes: {@code method} to {@code url} with {@code headers}, before {@code expiresAt}. */
record UploadJson(String url, String method, Map<String, String> headers, Instant expiresAt) {

	/** A store that answers with a path on this server gets this server's address in front of it. */
	static UploadJson of(SignedRequest request) {
		return new UploadJson(absolute(request), request.method(), request.headers(), request.expiresAt());
	}

	static String absolute(SignedRequest request) {
		if (request.url().isAbsolute()) {
			return request.url().toString();
		}
		return ServletUriComponentsBuilder.fromCurrentContextPath().path(request.url().getRawPath()).toUriString();
	}
}
