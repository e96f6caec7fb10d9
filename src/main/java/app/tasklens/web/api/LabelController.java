package app.tasklens.web.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.util.UriUtils;

import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentService;
import app.tasklens.labeling.AttachmentLabels;
import app.tasklens.labeling.DuplicateLabelException;
import app.tasklens.labeling.EditLabels;
import app.tasklens.labeling.ImageLabels;
import app.tasklens.labeling.InvalidLabelException;
import app.tasklens.labeling.LabelCount;
import app.tasklens.labeling.LabelNotFoundException;
import app.tasklens.web.CurrentUser;

/**
 * The user's last word on an image's labels (remove one, add one by hand), and the label filter's
 * suggestions. Another user's image answers 404 like a missing one.
 */
@RestController
@Tag(name = "Labels", description = "Change an image's labels by hand, and the labels of all your images with"
		+ " their counts. Another user's task or image answers 404 like a missing one.")
class LabelController {

	private static final String LABELS = "/api/tasks/{taskId}/attachments/{attachmentId}/labels";
	static final int MAX_SUGGESTIONS = 50;

	private final EditLabels edits;
	private final AttachmentService attachments;
	private final AttachmentLabels labels;

	LabelController(EditLabels edits, AttachmentService attachments, AttachmentLabels labels) {
		this.edits = edits;
		this.attachments = attachments;
		this.labels = labels;
	}

	@Schema(description = "A label to add")
	record NewLabel(@Schema(description = "1–" + ImageLabels.MAX_NAME + " characters after trimming, no control"
			+ " characters", requiredMode = Schema.RequiredMode.REQUIRED, example = "Grandma's garden") String name) {
	}

	@Schema(description = "Labels of your images, most images first")
	record LabelCounts(List<LabelCount> items) {
	}

	@PostMapping(LABELS)
	@Operation(summary = "Add a label by hand",
			description = "The label shows with confidence 100 and addedByUser; labeling the image again keeps it."
					+ " Only a LABELED image takes labels.")
	@ApiResponse(responseCode = "201", description = "The image with its labels now")
	@ApiResponse(responseCode = "404", ref = OpenApiConfiguration.NOT_FOUND)
	@ApiResponse(responseCode = "409", description = "The image has that label already, or is not LABELED",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = AttachmentController.PROBLEM)))
	@ApiResponse(responseCode = "422", ref = OpenApiConfiguration.UNPROCESSABLE)
	ResponseEntity<AttachmentJson> add(CurrentUser user, @PathVariable String taskId, @PathVariable String attachmentId,
			@RequestBody NewLabel label, HttpServletRequest request) {
		ImageLabels shown = edits.add(user.id(), taskId, attachmentId, label.name());
		AttachmentJson json = json(user, taskId, attachmentId, shown);
		String added = shown.find(ImageLabels.validName(label.name())).orElseThrow().name();
		return ResponseEntity.created(URI.create(json.links().labels() + "/" + UriUtils.encodePathSegment(added,
				StandardCharsets.UTF_8))).body(json);
	}

	@DeleteMapping({LABELS + "/{name}", LABELS})
	@Operation(summary = "Remove a label",
			description = "Removes the label of that name (any case) and every kind of it (removing Dog removes Golden"
					+ " Retriever too), so that neither finds the image; its parents stay. Labeling the image again"
					+ " keeps it removed. A name with a slash goes in the query instead: `…/labels?name=AC/DC`.")
	@ApiResponse(responseCode = "200", description = "The image with its labels now")
	@ApiResponse(responseCode = "404", description = "No such image, or it shows no label of that name",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = AttachmentController.PROBLEM)))
	@ApiResponse(responseCode = "409", description = "The image is not LABELED",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = AttachmentController.PROBLEM)))
	AttachmentJson remove(CurrentUser user, @PathVariable String taskId, @PathVariable String attachmentId,
			@PathVariable(required = false) String name,
			@Parameter(description = "the name, when it is not in the path") @RequestParam(name = "name", required = false)
			String queryName) {
		ImageLabels shown = edits.remove(user.id(), taskId, attachmentId, name != null ? name : queryName);
		return json(user, taskId, attachmentId, shown);
	}

	@GetMapping("/api/labels")
	@Operation(summary = "Your images' labels that start with a prefix, with counts",
			description = "Names and parents of the labels shown on your images (compared without case), with how"
					+ " many images and tasks each finds: what the label filter suggests as you type.")
	@ApiResponse(responseCode = "200", description = "Labels, most images first")
	@ApiResponse(responseCode = "400", ref = OpenApiConfiguration.BAD_REQUEST)
	LabelCounts suggest(CurrentUser user,
			@Parameter(description = "the start of a label's name; empty for the most common labels")
			@RequestParam(defaultValue = "") String prefix,
			@Parameter(description = "labels at most")
			@RequestParam(defaultValue = "10") @Min(1) @Max(MAX_SUGGESTIONS) int limit) {
		return new LabelCounts(labels.suggest(user.id(), prefix, limit));
	}

	private AttachmentJson json(CurrentUser user, String taskId, String attachmentId, ImageLabels shown) {
		Attachment attachment = attachments.get(user.id(), taskId, attachmentId);
		return AttachmentJson.of(attachment, shown, "/api");
	}

	/**
	 * A name that breaks a rule is 422 and a duplicate 409, both naming the field; a label the image does
	 * not show is 404. The attachment's own errors (missing, not LABELED) are {@link AttachmentProblems}'.
	 */
	@RestControllerAdvice(assignableTypes = LabelController.class)
	@Order(-200)
	static class LabelProblems {

		@ExceptionHandler
		ProblemDetail invalid(InvalidLabelException ex) {
			return ApiProblems.invalid(HttpStatus.UNPROCESSABLE_CONTENT, "name", ex.getMessage());
		}

		@ExceptionHandler
		ProblemDetail duplicate(DuplicateLabelException ex) {
			return ApiProblems.invalid(HttpStatus.CONFLICT, "name", ex.getMessage());
		}

		@ExceptionHandler
		ProblemDetail notFound(LabelNotFoundException ex) {
			return ApiProblems.problem(HttpStatus.NOT_FOUND, ex.getMessage());
		}
	}
}
