package app.tasklens.web.api;

import java.time.Instant;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import app.tasklens.attachment.AttachmentUploads;
import app.tasklens.web.CurrentUser;

/**
 * The workshop's {@code GET /api/signedUrl}: an upload URL for a PUT of the bytes, to this server's local
 * store or straight to the bucket. The bytes' own route belongs to the store ({@code adapter.localfs}).
 */
@RestController
@Tag(name = "Uploads", description = "Upload URLs and the bytes sent to them")
class UploadController {

	private final AttachmentUploads uploads;

	UploadController(AttachmentUploads uploads) {
		this.uploads = uploads;
	}

	/** The workshop's answer shape, plus the attachment id and when the URL expires. */
	record SignedUrl(String uploadURL, String objectName, String attachmentId, Instant expiresAt) {
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
