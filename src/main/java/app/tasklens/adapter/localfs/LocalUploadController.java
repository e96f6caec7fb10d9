package app.tasklens.adapter.localfs;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import app.tasklens.attachment.Attachment;

/**
 * The local store's upload URLs: {@code PUT /api/uploads/<ticket>} takes the bytes (the signed ticket is
 * the authorization, no bearer token). It answers like an object store, with what it stored; the
 * attachment itself is read from the attachment routes, as after an upload to a bucket. Refusals are
 * problem+json (the web edge's {@code AttachmentProblems} maps them).
 */
@RestController
@ConditionalOnExpression("'${tasklens.objects.s3.bucket:}'.isBlank()")
@Tag(name = "Uploads", description = "Upload URLs and the bytes sent to them")
class LocalUploadController {

	/** Followed by the signed ticket; the security chain lets a PUT here through without a token. */
	static final String PATH = "/api/uploads/";

	private static final String PROBLEM = "#/components/schemas/Problem";

	private final LocalUploads uploads;

	LocalUploadController(LocalUploads uploads) {
		this.uploads = uploads;
	}

	/** What was stored, under which key. */
	record Stored(String objectKey, long size) {
	}

	@PutMapping(PATH + "{ticket}")
	@SecurityRequirements
	@Operation(summary = "Send the image bytes to an upload URL of this server",
			description = "No bearer token: the signed URL is the authorization. The bytes must be a JPEG, PNG or"
					+ " WebP image of the declared type, at most 10,000 px a side and 50 megapixels; anything else"
					+ " is refused and nothing is kept, and the URL still takes the right bytes. Once stored, the"
					+ " attachment is UPLOADED and labeling follows (see /api/events); the URL works no more.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "image/*", schema = @Schema(type = "string", format = "binary"))))
	@ApiResponse(responseCode = "200", description = "Stored under `objectKey`")
	@ApiResponse(responseCode = "400", description = "No bytes",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
	@ApiResponse(responseCode = "403", description = "The URL is not valid, has expired or was used",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
	@ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
	@ApiResponse(responseCode = "408", description = "The body came slower than the server waits for",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
	@ApiResponse(responseCode = "413", description = "More bytes than the URL allows, or beyond the storage quota",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
	@ApiResponse(responseCode = "415", description = "Not an image of the declared type",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
	@ApiResponse(responseCode = "422", description = "A truncated or corrupt image, or too many pixels",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
	@ApiResponse(responseCode = "507", description = "The server's storage is full",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
	Stored upload(@PathVariable String ticket, HttpServletRequest request) throws IOException {
		Attachment attachment = uploads.receive(ticket, request.getContentType(), request.getContentLengthLong(),
				request.getInputStream());
		return new Stored(attachment.objectKey(), attachment.size());
	}
}
