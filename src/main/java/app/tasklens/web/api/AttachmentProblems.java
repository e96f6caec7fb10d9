package app.tasklens.web.api;

import java.util.List;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import app.tasklens.attachment.AttachmentNotFoundException;
import app.tasklens.attachment.ConcurrentAttachmentChangeException;
import app.tasklens.attachment.IllegalAttachmentStateException;
import app.tasklens.attachment.ImageTooLargeException;
import app.tasklens.attachment.InvalidAttachmentException;
import app.tasklens.attachment.InvalidImageException;
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
 * its bytes arrived. The stores' own upload endpoints (in {@code adapter}) are mapped here too. Malformed requests are left to
 * the API's general handling, which comes after this (order -200 runs first).
 */
@RestControllerAdvice(assignableTypes = {AttachmentController.class, UploadController.class, EventController.class,
		DetectLabelsController.class}, basePackages = "app.tasklens.adapter")
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
