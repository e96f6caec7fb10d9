package app.tasklens.web.api;

import java.net.URI;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import app.tasklens.attachment.AttachmentNotFoundException;
import app.tasklens.attachment.ConcurrentAttachmentChangeException;
import app.tasklens.attachment.IllegalAttachmentStateException;
import app.tasklens.attachment.ImageTooLargeException;
import app.tasklens.attachment.InvalidAttachmentException;
import app.tasklens.attachment.InvalidImageException;
import app.tasklens.attachment.UnsupportedImageTypeException;
import app.tasklens.attachment.UploadTooLargeException;
import app.tasklens.attachment.UploadUrlRejectedException;
import app.tasklens.task.TaskNotFoundException;

/**
 * Errors of the attachment, upload and event routes as problem+json ({@code ResponseEntityExceptionHandler}
 * covers malformed requests): 404 for what is missing or someone else's, 403 for bad upload URLs, 413 for
 * too many bytes, 415 for other types, 422 for broken or oversized images, 409 for a step the
 * attachment's state does not allow.
 */
@RestControllerAdvice(assignableTypes = {AttachmentController.class, UploadController.class, EventController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class AttachmentProblems extends ResponseEntityExceptionHandler {

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
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setProperty("field", ex.field());
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

	@ExceptionHandler(InvalidImageException.class)
	ProblemDetail invalidImage(InvalidImageException ex) {
		HttpStatus status = switch (ex.reason()) {
			case EMPTY -> HttpStatus.BAD_REQUEST;
			case UNSUPPORTED_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
			case TRUNCATED, CORRUPT -> HttpStatus.UNPROCESSABLE_CONTENT;
		};
		return problem(status, ex.getMessage());
	}

	@ExceptionHandler(UploadUrlRejectedException.class)
	ProblemDetail rejectedUrl(UploadUrlRejectedException ex) {
		return problem(HttpStatus.FORBIDDEN, ex.getMessage());
	}

	@ExceptionHandler({IllegalAttachmentStateException.class, ConcurrentAttachmentChangeException.class})
	ProblemDetail conflict(RuntimeException ex) {
		return problem(HttpStatus.CONFLICT, ex.getMessage());
	}

	private static ProblemDetail problem(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("about:blank"));
		return problem;
	}
}
