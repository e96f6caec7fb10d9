package app.tasklens.web.api;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import app.tasklens.attachment.AttachmentService;
import app.tasklens.attachment.ImagePage;
import app.tasklens.attachment.ImageQuery;
import app.tasklens.labeling.AttachmentLabels;
import app.tasklens.web.CurrentUser;

/** All of the signed-in user's images across their tasks: the gallery of the web UI, as JSON. */
@RestController
@Tag(name = "Images", description = "All of the signed-in user's images across their tasks, newest first; another"
		+ " user's images never appear")
class ImageController {

	private final AttachmentService attachments;
	private final AttachmentLabels labels;

	ImageController(AttachmentService attachments, AttachmentLabels labels) {
		this.attachments = attachments;
		this.labels = labels;
	}

	@GetMapping("/api/images")
	@Operation(summary = "List the user's images across all tasks, newest first",
			description = "Every stored image (uploads that never arrived or were refused are not images), each with"
					+ " its taskId and links, as the task's attachments list shows it. Pass nextCursor of one page as"
					+ " cursor of the next, with the same q and label; it is null on the last page.")
	@ApiResponse(responseCode = "200", description = "One page of images")
	@ApiResponse(responseCode = "400", ref = OpenApiConfiguration.BAD_REQUEST)
	ImageList list(CurrentUser user,
			@Parameter(description = "Images per page")
			@RequestParam(defaultValue = "" + ImageQuery.DEFAULT_LIMIT) @Min(1) @Max(ImageQuery.MAX_LIMIT) int limit,
			@Parameter(description = "nextCursor of the previous page", schema = @Schema(type = "string"))
			@RequestParam(required = false) String cursor,
			@Parameter(description = "Search, as the task list's q: the text anywhere in the image's task's title or"
					+ " notes, or each of its words (in simple word forms: \"dogs\" finds Dog) among the names, parents"
					+ " and aliases of the image's labels, the text read in it and its task's title and notes")
			@RequestParam(required = false) String q,
			@Parameter(description = "A label, or a parent of a label, of the image as shown (\"animal\")")
			@RequestParam(required = false) String label,
			HttpServletRequest request) {
		ImageQuery.Cursor from = cursor == null || cursor.isEmpty() ? null : attachments.imageCursor(user.id(), cursor);
		ImagePage page = attachments.images(user.id(), new ImageQuery(q, label, from, limit));
		String base = Chains.base(request);
		return new ImageList(page.items().stream()
			.map(image -> AttachmentJson.of(image, labels.find(image.id()).orElse(null), base))
			.toList(), page.nextCursor());
	}

	@Schema(description = "A page of images, newest first")
	record ImageList(List<AttachmentJson> items,
			@Schema(description = "cursor of the next page; null on the last page", nullable = true) String nextCursor) {
	}
}
