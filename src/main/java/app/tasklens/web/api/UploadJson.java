package app.tasklens.web.api;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import app.tasklens.attachment.UploadTarget;

/**
 * How to send the bytes: {@code method} to {@code url} with {@code headers}, before {@code expiresAt}; for
 * a POST, as a multipart form of {@code fields} and then the file in a field named {@code file}. Then
 * {@code POST …/complete} of the attachment says it is done.
 */
record UploadJson(String url, String method, Map<String, String> headers,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> fields, Instant expiresAt) {

	/** A store that answers with a path on this server gets this server's address in front of it. */
	static UploadJson of(UploadTarget target) {
		return new UploadJson(absolute(target), target.method(), target.headers(), target.fields(),
				target.expiresAt());
	}

	static String absolute(UploadTarget target) {
		if (target.url().isAbsolute()) {
			return target.url().toString();
		}
		return ServletUriComponentsBuilder.fromCurrentContextPath().path(target.url().getRawPath()).toUriString();
	}
}
