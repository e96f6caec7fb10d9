package app.tasklens.web.api;

import java.io.IOException;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentUploads;
import app.tasklens.web.CurrentUser;

/**
 * The upload URLs: {@code PUT /api/uploads/<ticket>} takes the bytes (the signed ticket is the
 * authorization, no bearer token), and the workshop's {@code GET /api/signedUrl} hands out such a URL.
 */
@RestController
@Tag(name = "Uploads", description = "Signed upload URLs and the bytes sent to them")
class UploadController {

	private final AttachmentUploads uploads;

	UploadController(AttachmentUploads uploads) {
		this.uploads = uploads;
	}

	record Uploaded(AttachmentJson attachment) {
	}

	/** The workshop's answer shape, plus the attachment id and when the URL expires. */
	record SignedUrl(String uploadURL, String objectName, String attachmentId, Instant expiresAt) {
	}

	@PutMapping("/api/uploads/{ticket}")
	@SecurityRequirements
	@Operation(summary = "Send the image bytes to an upload URL",
			description = "No bearer token: the signed URL is the authorization. The bytes must be a JPEG, PNG or"
					+ " WebP image of the declared type, at most 10,000 px a side and 50 megapixels; anything else"
					+ " is refused and nothing is kept.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "image/*", schema = @Schema(type = "string", format = "binary"))))
	@ApiResponse(responseCode = "200", description = "Stored; labeling follows (see /api/events)")
	@ApiResponse(responseCode = "400", description = "No bytes",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = AttachmentController.PROBLEM)))
	@ApiResponse(responseCode = "403", description = "The URL is not valid, has expired or was used",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = AttachmentController.PROBLEM)))
	@ApiResponse(responseCode = "404", ref = OpenApiConfiguration.NOT_FOUND)
	@ApiResponse(responseCode = "408", description = "The body came slower than the server waits for",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = AttachmentController.PROBLEM)))
	@ApiResponse(responseCode = "413", description = "More bytes than the URL allows, or beyond the storage quota",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = AttachmentController.PROBLEM)))
	@ApiResponse(responseCode = "415", description = "Not an image of the declared type",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = AttachmentController.PROBLEM)))
	@ApiResponse(responseCode = "422", description = "A truncated or corrupt image, or too many pixels",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = AttachmentController.PROBLEM)))
	@ApiResponse(responseCode = "507", description = "The server's storage is full",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = AttachmentController.PROBLEM)))
	Uploaded upload(@PathVariable String ticket, HttpServletRequest request) throws IOException {
		Attachment attachment = uploads.receive(ticket, request.getContentType(), request.getContentLengthLong(),
				request.getInputStream());
		return new Uploaded(AttachmentJson.of(attachment, null, "/api"));
	}

	/** Cut off, and the connection closed rather than waiting for the rest of a body that trickles in. */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> tooSlow(UploadRateLimit.SlowUploadException ex) {
		return ResponseEntity.status(HttpStatus.REQUEST_TIMEOUT)
			.header(HttpHeaders.CONNECTION, "close")
			.body(ApiProblems.problem(HttpStatus.REQUEST_TIMEOUT, ex.getMessage()));
	}

	@GetMapping("/api/signedUrl")
	@Operation(summary = "An upload URL, the workshop's way",
			description = "Like POST /api/tasks/{taskId}/attachments without a size: answers `uploadURL` and the"
					+ " `objectName` the image is kept under.")
	@ApiResponse(responseCode = "200", description = "The upload URL")
	@ApiResponse(responseCode = "404", ref = OpenApiConfiguration.NOT_FOUND)
	@ApiResponse(responseCode = "415", description = "Not a JPEG, PNG or WebP image",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = AttachmentController.PROBLEM)))
	SignedUrl signedUrl(CurrentUser user, @RequestParam String taskId, @RequestParam String filename,
			@RequestParam String filetype) {
		AttachmentUploads.NewUpload created = uploads.request(user.id(), taskId, filename, filetype, null);
		return new SignedUrl(UploadJson.absolute(created.upload()), created.attachment().objectKey(),
				created.attachment().id(), created.upload().expiresAt());
	}
}
