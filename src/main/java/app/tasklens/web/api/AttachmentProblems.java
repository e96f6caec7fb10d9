package app.tasklens.web.api;

import java.util.List;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import app.tasklens.attachment.AttachmentNotFoundException;
import app.tasklens.attachment.ConcurrentAttachmentChangeException;
import app.tasklens.attachment.IllegalAttachmentStateException;
import app.tasklens.attachment.ImageTooLargeException;
import app.tasklens.attachment.InvalidAttachmentException;
import app.tasklens.attachment.InvalidImageException;
import app.tasklens.attachment.StorageFullException;
import app.tasklens.attachment.StorageQuotaExceededException;
import app.tasklens.attachment.TooManyPendingUploadsException;
import app.tasklens.attachment.UnsupportedImageTypeException;
import app.tasklens.attachment.UploadNotArrivedException;
import app.tasklens.attachment.UploadRejectedException;
import app.tasklens.attachment.UploadTooLargeException;
import app.tasklens.attachment.UploadUrlRejectedException;
import app.tasklens.decoding.ImageTooLargeToDecodeException;
import app.tasklens.task.TaskNotFoundException;

/**
 * The attachment exceptions as problem+json: 404 for what is missing or someone else's, 403 for a bad,
 * expired or used upload URL, 400 for an empty upload, 413 for too many bytes, 415 for another type, 422
 * for a broken or oversized image and for a field that breaks a rule ({@code errors: [{"field",
 * "message"}]}), 409 for a step the attachment's state does not allow or an upload said complete before
 * its bytes arrived, 413 beyond the user's storage quota, 429 beyond their unfinished uploads, 507 when
 * the server's storage is full, 408 for an upload body slower than allowed. The stores' own upload
 * endpoints (in {@code adapter}) are mapped here too. Malformed requests are left to
 * the API's general handling, which comes after this (order -200 runs first).
 */
@RestControllerAdvice(assignableTypes = {AttachmentController.class, UploadController.class, EventController.class,
		DetectLabelsController.class, LabelController.class}, basePackages = "app.tasklens.adapter")
@Order(-200)
class AttachmentProblems {

	@ExceptionHandler(TaskNotFoundException.class)
	ProblemDetail taskNotFound(TaskNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(AttachmentNotFoundException.class)
	ProblemDetail attachmentNotFound(AttachmentNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(InvalidAttachmentException.class)
	ProblemDetail invalid(InvalidAttachmentException ex) {
		ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
		return problem;
	}

	@ExceptionHandler(UnsupportedImageTypeException.class)
	ProblemDetail unsupported(UnsupportedImageTypeException ex) {
		return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ex.getMessage());
	}

	@ExceptionHandler(UploadTooLargeException.class)
	ProblemDetail tooManyBytes(UploadTooLargeException ex) {
		ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
		problem.setProperty("maxBytes", ex.maxBytes());
		return problem;
	}

	@ExceptionHandler(ImageTooLargeException.class)
	ProblemDetail tooManyPixels(ImageTooLargeException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
	}

	/** Cut off, and the connection closed rather than waiting for the rest of a body that trickles in. */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> tooSlow(UploadRateLimit.SlowUploadException ex) {
		return ResponseEntity.status(HttpStatus.REQUEST_TIMEOUT)
			.header(HttpHeaders.CONNECTION, "close")
			.body(ApiProblems.problem(HttpStatus.REQUEST_TIMEOUT, ex.getMessage()));
	}

	@ExceptionHandler(StorageFullException.class)
	ProblemDetail storageFull(StorageFullException ex) {
		return problem(HttpStatus.INSUFFICIENT_STORAGE, ex.getMessage());
	}

	@ExceptionHandler(StorageQuotaExceededException.class)
	ProblemDetail overQuota(StorageQuotaExceededException ex) {
		ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
		problem.setProperty("quotaBytes", ex.quotaBytes());
		return problem;
	}

	@ExceptionHandler(TooManyPendingUploadsException.class)
	ProblemDetail tooManyPending(TooManyPendingUploadsException ex) {
		return problem(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage());
	}

	@ExceptionHandler(ImageTooLargeToDecodeException.class)
	ProblemDetail tooLargeToDecode(ImageTooLargeToDecodeException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
	}

	@ExceptionHandler(InvalidImageException.class)
	ProblemDetail invalidImage(InvalidImageException ex) {
		HttpStatus status = switch (ex.reason()) {
			case EMPTY -> HttpStatus.BAD_REQUEST;
			case UNSUPPORTED_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
			case TRUNCATED, CORRUPT -> HttpStatus.UNPROCESSABLE_CONTENT;
		};
		return problem(status, ex.getMessage());
	}

	@ExceptionHandler(UploadRejectedException.class)
	ProblemDetail rejectedUpload(UploadRejectedException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
	}

	@ExceptionHandler(UploadUrlRejectedException.class)
	ProblemDetail rejectedUrl(UploadUrlRejectedException ex) {
		return problem(HttpStatus.FORBIDDEN, ex.getMessage());
	}

	@ExceptionHandler({IllegalAttachmentStateException.class, ConcurrentAttachmentChangeException.class,
			UploadNotArrivedException.class})
	ProblemDetail conflict(RuntimeException ex) {
		return problem(HttpStatus.CONFLICT, ex.getMessage());
	}

	private static ProblemDetail problem(HttpStatus status, String detail) {
		return ProblemDetail.forStatusAndDetail(status, detail);
	}
}
