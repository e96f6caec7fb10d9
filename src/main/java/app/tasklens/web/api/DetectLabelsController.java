package app.tasklens.web.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import app.tasklens.attachment.AttachmentUploads;
import app.tasklens.attachment.UploadTooLargeException;
import app.tasklens.decoding.ImageTooLargeToDecodeException;
import app.tasklens.labeling.DetectLabelsResponse;
import app.tasklens.labeling.DetectOptions;
import app.tasklens.labeling.DetectorUnavailableException;
import app.tasklens.labeling.LabelDetector;
import app.tasklens.labeling.UnreadableImageException;
import app.tasklens.web.CurrentUser;

/**
 * {@code POST /api/detect-labels}: labels one image right away and answers what {@code ./tasklens label}
 * prints, in DetectLabels' shape. The image is the raw request body or the {@code image} part of a
 * multipart form; it is checked like an upload (type from the bytes, size and pixel limits) before it is
 * decoded, and nothing is stored.
 */
@RestController
@Tag(name = "Detect labels", description = "Label an image at once, in the shape of Amazon Rekognition's DetectLabels;"
		+ " nothing is stored")
class DetectLabelsController {

	private final LabelDetector detector;
	private final AttachmentUploads uploads;
	private final long maxBytes;

	DetectLabelsController(LabelDetector detector, AttachmentUploads uploads) {
		this.detector = detector;
		this.uploads = uploads;
		this.maxBytes = uploads.maxBytes();
	}

	@Operation(summary = "Label an image now (raw body: image/jpeg, image/png, image/webp or application/octet-stream)")
	@PostMapping(path = "/api/detect-labels", consumes = { MediaType.IMAGE_JPEG_VALUE, MediaType.IMAGE_PNG_VALUE,
			"image/webp", MediaType.APPLICATION_OCTET_STREAM_VALUE })
	DetectLabelsResponse raw(@Parameter(hidden = true) CurrentUser user, HttpServletRequest request,
			@RequestParam(defaultValue = "50") int maxLabels,
			@RequestParam(defaultValue = "55") double minConfidence,
			@RequestParam(defaultValue = "true") boolean detectText,
			@RequestParam(required = false) String includeLabels,
			@RequestParam(required = false) String excludeLabels,
			@RequestParam(required = false) String includeCategories,
			@RequestParam(required = false) String excludeCategories) throws IOException {
		byte[] image = readAtMost(request.getInputStream());
		return detect(null, image, options(maxLabels, minConfidence, detectText, includeLabels, excludeLabels,
				includeCategories, excludeCategories));
	}

	@Operation(summary = "Label an image now (multipart form with an 'image' part)")
	@PostMapping(path = "/api/detect-labels", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	DetectLabelsResponse multipart(@Parameter(hidden = true) CurrentUser user, @RequestPart("image") MultipartFile file,
			@RequestParam(defaultValue = "50") int maxLabels,
			@RequestParam(defaultValue = "55") double minConfidence,
			@RequestParam(defaultValue = "true") boolean detectText,
			@RequestParam(required = false) String includeLabels,
			@RequestParam(required = false) String excludeLabels,
			@RequestParam(required = false) String includeCategories,
			@RequestParam(required = false) String excludeCategories) throws IOException {
		if (file.getSize() > maxBytes) {
			throw new UploadTooLargeException(maxBytes);
		}
		byte[] image = readAtMost(file.getInputStream());
		return detect(file.getOriginalFilename(), image, options(maxLabels, minConfidence, detectText, includeLabels,
				excludeLabels, includeCategories, excludeCategories));
	}

	private DetectLabelsResponse detect(String name, byte[] image, DetectOptions options) throws IOException {
		uploads.inspect(new ByteArrayInputStream(image));
		return DetectLabelsResponse.of(name, detector.detect(image, options));
	}

	/** The body, refused with 413 as soon as it passes the limit rather than after reading it all. */
	private byte[] readAtMost(InputStream in) throws IOException {
		byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
		if (bytes.length > maxBytes) {
			throw new UploadTooLargeException(maxBytes);
		}
		return bytes;
	}

	private static DetectOptions options(int maxLabels, double minConfidence, boolean detectText,
			String includeLabels, String excludeLabels, String includeCategories, String excludeCategories) {
		try {
			return new DetectOptions(maxLabels, minConfidence, detectText, names(includeLabels), names(excludeLabels),
					names(includeCategories), names(excludeCategories));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidDetectOptions(ex.getMessage());
		}
	}

	/** A comma-separated list of label or category names. */
	private static Set<String> names(String list) {
		if (list == null || list.isBlank()) {
			return Set.of();
		}
		return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
	}

	static class InvalidDetectOptions extends RuntimeException {
		InvalidDetectOptions(String message) {
			super(message);
		}
	}

	@ExceptionHandler
	ProblemDetail invalidOptions(InvalidDetectOptions ex) {
		return ApiProblems.problem(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail unreadable(UnreadableImageException ex) {
		return ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail tooLargeToDecode(ImageTooLargeToDecodeException ex) {
		return ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail unavailable(DetectorUnavailableException ex) {
		return ApiProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
	}
}
