package app.tasklens.web.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentService;
import app.tasklens.attachment.AttachmentUploads;
import app.tasklens.attachment.ContentDispositions;
import app.tasklens.attachment.SignedRequest;
import app.tasklens.labeling.AttachmentLabels;
import app.tasklens.labeling.ImageLabels;
import app.tasklens.web.CurrentUser;

/**
 * A task's image attachments. Every route is mapped twice (see {@link Chains}): {@code /api/tasks/…}
 * with a bearer token and {@code /tasks/…} with the web UI's session (POST, DELETE with its CSRF token).
 */
@RestController
@Tag(name = "Attachments", description = "Images attached to a task, and their labels. Another user's task or image"
		+ " answers 404 like a missing one.")
class AttachmentController {

	/** The problem schema of {@link OpenApiConfiguration}, for responses described here. */
	static final String PROBLEM = "#/components/schemas/Problem";

	private static final String API = "/api/tasks/{taskId}/attachments";
	private static final String UI = "/tasks/{taskId}/attachments";
	/** Images never change under an id; the browser may keep them, for this user only. */
	private static final CacheControl IMAGE_CACHE = CacheControl.maxAge(Duration.ofHours(1)).cachePrivate();

	private final AttachmentUploads uploads;
	private final AttachmentService attachments;
	private final AttachmentLabels labels;

	AttachmentController(AttachmentUploads uploads, AttachmentService attachments, AttachmentLabels labels) {
		this.uploads = uploads;
		this.attachments = attachments;
		this.labels = labels;
	}

	record CreateAttachment(String filename, String contentType, Long size) {
	}

	record Created(AttachmentJson attachment, UploadJson upload) {
	}

	record AttachmentList(List<AttachmentJson> items) {
	}

	@PostMapping({API, UI})
	@Operation(summary = "Ask for an upload URL for a new image",
			description = "Answers the attachment (PENDING_UPLOAD) and how to send the bytes: `method` to `url` with"
					+ " `headers` before `expiresAt` (a POST sends `fields` and then the file as a form), then"
					+ " POST its `complete` link. The target takes at most `size` bytes (15 MB without one) of the"
					+ " declared type, and one image. The same route without /api serves the web UI (session"
					+ " cookie and CSRF token).")
	@ApiResponse(responseCode = "201", description = "The pending attachment and its upload URL")
	@ApiResponse(responseCode = "404", ref = OpenApiConfiguration.NOT_FOUND)
	@ApiResponse(responseCode = "413", description = "The declared size is over the limit",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
	@ApiResponse(responseCode = "415", description = "Not a JPEG, PNG or WebP image",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
	@ApiResponse(responseCode = "422", ref = OpenApiConfiguration.UNPROCESSABLE)
	ResponseEntity<Created> create(CurrentUser user, @PathVariable String taskId, @RequestBody CreateAttachment body,
			HttpServletRequest request) {
		AttachmentUploads.NewUpload created = uploads.request(user.id(), taskId, body.filename(), body.contentType(),
				body.size());
		AttachmentJson json = AttachmentJson.of(created.attachment(), null, Chains.base(request));
		return ResponseEntity.created(URI.create(json.links().self()))
			.body(new Created(json, UploadJson.of(created.upload())));
	}

	@PostMapping({API + "/{attachmentId}/complete", UI + "/{attachmentId}/complete"})
	@Operation(summary = "Say that the bytes were sent to the upload target",
			description = "Tasklens checks the object in the store: an acceptable image is UPLOADED and labeling"
					+ " starts; anything else is REJECTED (`error` says why) and the object is deleted. Asked again,"
					+ " or for an attachment no longer waiting, it answers the attachment as it is. Tasklens also"
					+ " finds the uploads whose completion never came, within a minute.")
	@ApiResponse(responseCode = "200", description = "The attachment: UPLOADED (or further), or REJECTED")
	@ApiResponse(responseCode = "404", ref = OpenApiConfiguration.NOT_FOUND)
	@ApiResponse(responseCode = "409", description = "The store has no bytes for the attachment yet",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
	AttachmentJson complete(CurrentUser user, @PathVariable String taskId, @PathVariable String attachmentId,
			HttpServletRequest request) throws IOException {
		Attachment attachment = uploads.complete(user.id(), taskId, attachmentId);
		return AttachmentJson.of(attachment, null, Chains.base(request));
	}

	@GetMapping({API, UI})
	@Operation(summary = "List a task's images, oldest first")
	@ApiResponse(responseCode = "200", description = "The images with their status and labels")
	@ApiResponse(responseCode = "404", ref = OpenApiConfiguration.NOT_FOUND)
	AttachmentList list(CurrentUser user, @PathVariable String taskId, HttpServletRequest request) {
		List<Attachment> found = attachments.list(user.id(), taskId);
		Map<String, ImageLabels> detections = labels.findByTask(taskId);
		String base = Chains.base(request);
		return new AttachmentList(found.stream()
			.map(attachment -> AttachmentJson.of(attachment, detections.get(attachment.id()), base))
			.toList());
	}

	@GetMapping({API + "/{attachmentId}", UI + "/{attachmentId}"})
	@Operation(summary = "One image with its labels",
			description = "`status` is PENDING_UPLOAD, UPLOADED, LABELING, PENDING_MODEL (labeling is paused: the server"
					+ " is missing its models; `error` says so), LABELED, FAILED or REJECTED (then `error` says why);"
					+ " `labels` and `textDetections` are filled once LABELED.")
	@ApiResponse(responseCode = "200", description = "The image")
	@ApiResponse(responseCode = "404", ref = OpenApiConfiguration.NOT_FOUND)
	AttachmentJson get(CurrentUser user, @PathVariable String taskId, @PathVariable String attachmentId,
			HttpServletRequest request) {
		Attachment attachment = attachments.get(user.id(), taskId, attachmentId);
		return AttachmentJson.of(attachment, labels.find(attachmentId).orElse(null), Chains.base(request));
	}

	@PostMapping({API + "/{attachmentId}/relabel", UI + "/{attachmentId}/relabel"})
	@Operation(summary = "Label an image again", description = "From LABELED or FAILED; the image is UPLOADED again.")
	@ApiResponse(responseCode = "202", description = "Labeling starts again")
	@ApiResponse(responseCode = "404", ref = OpenApiConfiguration.NOT_FOUND)
	@ApiResponse(responseCode = "409", description = "The image is waiting for its bytes or being labeled",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
	ResponseEntity<AttachmentJson> relabel(CurrentUser user, @PathVariable String taskId,
			@PathVariable String attachmentId, HttpServletRequest request) {
		Attachment attachment = attachments.relabel(user.id(), taskId, attachmentId);
		return ResponseEntity.accepted().body(AttachmentJson.of(attachment, null, Chains.base(request)));
	}

	@DeleteMapping({API + "/{attachmentId}", UI + "/{attachmentId}"})
	@Operation(summary = "Delete an image, its file and thumbnail")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", ref = OpenApiConfiguration.NOT_FOUND)
	ResponseEntity<Void> delete(CurrentUser user, @PathVariable String taskId, @PathVariable String attachmentId) {
		attachments.delete(user.id(), taskId, attachmentId);
		return ResponseEntity.noContent().build();
	}

	@GetMapping({API + "/{attachmentId}/content", UI + "/{attachmentId}/content"})
	@Operation(summary = "The image as uploaded", description = "Served inline with its type and file name.")
	@ApiResponse(responseCode = "200", description = "The image bytes",
			content = @Content(mediaType = "image/*", schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "404", ref = OpenApiConfiguration.NOT_FOUND)
	ResponseEntity<InputStreamResource> content(CurrentUser user, @PathVariable String taskId,
			@PathVariable String attachmentId) throws IOException {
		Attachment attachment = attachments.get(user.id(), taskId, attachmentId);
		Optional<SignedRequest> direct = attachments.directDownload(attachment);
		if (direct.isPresent()) {
			return ResponseEntity.status(HttpStatus.FOUND).location(direct.get().url()).build();
		}
		InputStream image = attachments.openImage(attachment);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(attachment.type().mediaType()))
			.contentLength(attachment.size())
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDispositions.inline(attachment.filename()))
			.header("X-Content-Type-Options", "nosniff")
			.cacheControl(IMAGE_CACHE)
			.body(new InputStreamResource(image));
	}

	@GetMapping({API + "/{attachmentId}/thumbnail", UI + "/{attachmentId}/thumbnail"})
	@Operation(summary = "A JPEG thumbnail, upright, at most 320 px on its longest side")
	@ApiResponse(responseCode = "200", description = "The thumbnail",
			content = @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "404", ref = OpenApiConfiguration.NOT_FOUND)
	ResponseEntity<InputStreamResource> thumbnail(CurrentUser user, @PathVariable String taskId,
			@PathVariable String attachmentId) throws IOException {
		Attachment attachment = attachments.get(user.id(), taskId, attachmentId);
		Optional<SignedRequest> direct = attachments.directThumbnail(attachment);
		if (direct.isPresent()) {
			return ResponseEntity.status(HttpStatus.FOUND).location(direct.get().url()).build();
		}
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_JPEG)
			.header("X-Content-Type-Options", "nosniff")
			.cacheControl(IMAGE_CACHE)
			.body(new InputStreamResource(attachments.openThumbnail(attachment)));
	}
}
