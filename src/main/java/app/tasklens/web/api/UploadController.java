package app.tasklens.web.api;

import java.io.IOException;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentUploads;
import app.tasklens.web.CurrentUser;

/**
 * The upload URLs: {@code PUT /api/uploads/<ticket>} takes the bytes (the signed ticket is the
 * authorization, no bearer token), and the workshop's {@code GET /api/signedUrl} hands out such a URL.
 */
@RestController
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
	Uploaded upload(@PathVariable String ticket, HttpServletRequest request) throws IOException {
		Attachment attachment = uploads.receive(ticket, request.getContentType(), request.getContentLengthLong(),
				request.getInputStream());
		return new Uploaded(AttachmentJson.of(attachment, null, "/api"));
	}

	@GetMapping("/api/signedUrl")
	SignedUrl signedUrl(CurrentUser user, @RequestParam String taskId, @RequestParam String filename,
			@RequestParam String filetype) {
		AttachmentUploads.NewUpload created = uploads.request(user.id(), taskId, filename, filetype, null);
		return new SignedUrl(UploadJson.absolute(created.upload()), created.attachment().objectKey(),
				created.attachment().id(), created.upload().expiresAt());
	}
}
