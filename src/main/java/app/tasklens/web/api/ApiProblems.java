package app.tasklens.web.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.PayloadTooLargeException;

import app.tasklens.InvalidInputException;
import app.tasklens.account.BadCredentialsException;
import app.tasklens.admin.NotAdminException;
import app.tasklens.account.TooManyAttemptsException;
import app.tasklens.account.UsernameTakenException;
import app.tasklens.task.InvalidCursorException;
import app.tasklens.task.InvalidTaskException;
import app.tasklens.task.TaskNotFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error of the JSON API is an RFC 9457 {@code application/problem+json} body, built here.
 *
 * <p>The status rules: a request body that is not JSON at all is 400; a JSON body whose fields break a rule
 * or have the wrong type is 422 with {@code errors: [{"field", "message"}]}; a query parameter that is
 * malformed or out of range ({@code limit}, {@code cursor}, {@code done}) is 400 with the same
 * {@code errors}, since the request line itself is wrong. 404 for a missing task and for another user's
 * alike, 409 for a taken username, 413 for a body over {@link ApiSettings#maxJsonBody()}, 429 with
 * {@code Retry-After} (seconds) for a throttled sign-in. Anything unforeseen is a 500 whose body tells
 * nothing about the cause (it goes to the log).
 *
 * <p>Errors raised before a controller is chosen (unknown route 404, 405, 415, 406) are rendered as
 * problems by Spring Boot's handler ({@code spring.mvc.problemdetails.enabled=true}); 401 and 403 by the
 * security chain ({@code SecurityConfiguration}).
 *
 * <h2>Mapping the exceptions of another feature</h2>
 * Do not edit this class; put the mapping next to your controllers, in a file of your own:
 * <pre>{@code
 * @RestControllerAdvice(basePackageClasses = ApiProblems.class)
 * @Order(ApiProblems.ORDER)
 * class AttachmentProblems {
 *
 *     @ExceptionHandler
 *     ProblemDetail unsupportedImage(UnsupportedImageException ex) {
 *         return ApiProblems.invalid(HttpStatus.UNPROCESSABLE_CONTENT, "file", ex.getMessage());
 *     }
 * }
 * }</pre>
 * Map only your own exception types (never {@code Exception} or {@code RuntimeException}: the 500 fallback
 * here must stay last), use an order below {@link Ordered#LOWEST_PRECEDENCE} such as {@link #ORDER}, and
 * build bodies with {@link #problem} and {@link #invalid} so that every problem has the same shape. An
 * {@code @ExceptionHandler} method inside one controller works too and wins over any advice, for that
 * controller only.
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
@Order(ApiProblems.ORDER)
class ApiProblems {

	/** Before Spring Boot's own problem handler (order 0), so that the API's field errors win. */
	static final int ORDER = -100;

	/** A problem with {@code detail}, {@code type} about:blank and the status's title. */
	static ProblemDetail problem(HttpStatusCode status, String detail) {
		return ProblemDetail.forStatusAndDetail(status, detail);
	}

	/** A problem naming the one input at fault. */
	static ProblemDetail invalid(HttpStatusCode status, String field, String message) {
		return invalid(status, List.of(new FieldError(field, message)));
	}

	/** A problem listing inputs at fault; {@code detail} repeats their messages for clients that show only it. */
	static ProblemDetail invalid(HttpStatusCode status, List<FieldError> errors) {
		String detail = errors.stream().map(FieldError::message).distinct().collect(Collectors.joining("; "));
		ProblemDetail problem = problem(status, detail);
		problem.setProperty("errors", errors);
		return problem;
	}

	/** One entry of a problem's {@code errors}: the input ({@code field} of the body or query parameter) and why. */
	record FieldError(String field, String message) {
	}

	/** A cursor this server did not give to this user is a malformed query parameter. */
	@ExceptionHandler
	ProblemDetail invalidCursor(InvalidCursorException ex) {
		return invalid(HttpStatus.BAD_REQUEST, ex.field(), ex.getMessage());
	}

	/** A task or an account with fields at fault: every one of them in {@code errors}. */
	@ExceptionHandler
	ProblemDetail invalidInput(InvalidInputException ex) {
		return invalid(HttpStatus.UNPROCESSABLE_CONTENT, ex.errors());
	}

	/** A problem listing every input at fault, in the map's order. */
	static ProblemDetail invalid(HttpStatusCode status, Map<String, String> errors) {
		return invalid(status, errors.entrySet().stream()
			.map(error -> new FieldError(error.getKey(), error.getValue()))
			.toList());
	}

	@ExceptionHandler
	ProblemDetail notAdmin(NotAdminException ex) {
		return problem(HttpStatus.FORBIDDEN, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail usernameTaken(UsernameTakenException ex) {
		return invalid(HttpStatus.CONFLICT, "username", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> badCredentials(BadCredentialsException ex) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.body(problem(HttpStatus.UNAUTHORIZED, ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> tooManyAttempts(TooManyAttemptsException ex) {
		long seconds = Math.max(1, (ex.retryAfter().toMillis() + 999) / 1000);
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.body(problem(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage()));
	}

	@ExceptionHandler
	ProblemDetail taskNotFound(TaskNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail tooLarge(PayloadTooLargeException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, Objects.requireNonNull(ex.getCause()).getMessage());
	}

	@ExceptionHandler
	ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof PayloadTooLargeException tooLarge) {
				return tooLarge(tooLarge);
			}
			if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
				String field = path(mismatch);
				return invalid(HttpStatus.UNPROCESSABLE_CONTENT, field,
						field + " must be " + expected(mismatch.getTargetType()));
			}
		}
		return problem(HttpStatus.BAD_REQUEST, ex.getCause() == null ? "a JSON request body is required"
				: "the request body is not a JSON object of the expected shape");
	}

	@ExceptionHandler
	ProblemDetail invalidBody(MethodArgumentNotValidException ex) {
		List<FieldError> errors = new ArrayList<>();
		ex.getBindingResult().getFieldErrors()
			.forEach(error -> errors.add(new FieldError(error.getField(), error.getField() + " " + error.getDefaultMessage())));
		ex.getBindingResult().getGlobalErrors()
			.forEach(error -> errors.add(new FieldError(error.getObjectName(), error.getDefaultMessage())));
		return invalid(HttpStatus.UNPROCESSABLE_CONTENT, errors);
	}

	@ExceptionHandler
	ProblemDetail invalidParameters(HandlerMethodValidationException ex) {
		List<FieldError> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach(result -> {
			String name = result.getMethodParameter().getParameterName();
			result.getResolvableErrors().forEach(error -> errors.add(new FieldError(name, name + " " + error.getDefaultMessage())));
		});
		return invalid(HttpStatus.BAD_REQUEST, errors);
	}

	@ExceptionHandler
	ProblemDetail parameterType(MethodArgumentTypeMismatchException ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidTaskException invalid) {
				return invalid(HttpStatus.BAD_REQUEST, ex.getName(), invalid.getMessage());
			}
		}
		return invalid(HttpStatus.BAD_REQUEST, ex.getName(), ex.getName() + " must be " + expected(ex.getRequiredType()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException ex) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.body(problem(HttpStatus.UNAUTHORIZED, "a valid bearer token is required"));
	}

	@ExceptionHandler
	ProblemDetail forbidden(AccessDeniedException ex) {
		return problem(HttpStatus.FORBIDDEN, "access denied");
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String expected(Class<?> type) {
		if (type == LocalDate.class) {
			return "an ISO date (YYYY-MM-DD)";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == String.class) {
			return "a string";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "a whole number";
		}
		return "of another type";
	}

	/**
	 * The last resort, after every other advice: Spring's own errors keep their status, anything else is a
	 * 500 that is logged with its cause and says nothing about it to the client.
	 */
	@RestControllerAdvice(basePackageClasses = ApiProblems.class)
	@Order(Ordered.LOWEST_PRECEDENCE)
	static class Unexpected {

		private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

		@ExceptionHandler
		ResponseEntity<ProblemDetail> unexpected(Exception ex) {
			if (ex instanceof ErrorResponse known) {
				return ResponseEntity.status(known.getStatusCode()).headers(known.getHeaders()).body(known.getBody());
			}
			log.error("unexpected error in the JSON API", ex);
			return ResponseEntity.internalServerError()
				.body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "unexpected error; it has been logged"));
		}
	}
}
