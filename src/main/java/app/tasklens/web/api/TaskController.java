package app.tasklens.web.api;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import app.tasklens.task.DueGroup;
import app.tasklens.task.InvalidTaskException;
import app.tasklens.task.Task;
import app.tasklens.task.TaskPage;
import app.tasklens.task.TaskPatch;
import app.tasklens.task.TaskQuery;
import app.tasklens.task.TaskService;
import app.tasklens.web.CurrentUser;

@RestController
@RequestMapping("/api/tasks")
@Tag(name = "Tasks", description = "The signed-in user's tasks; another user's task answers 404 like a missing one")
class TaskController {

	static final String MERGE_PATCH_JSON = "application/merge-patch+json";

	private final TaskService tasks;

	TaskController(TaskService tasks) {
		this.tasks = tasks;
	}

	@GetMapping
	@Operation(summary = "List tasks, newest first or by due date",
			description = "Pass nextCursor of one page as cursor of the next, with the same sort; it is null on the last"
					+ " page. sort=due lists the earliest due date first and tasks without one last (on one date, newest"
					+ " first); each task's dueGroup (OVERDUE, TODAY, UPCOMING, NO_DATE, from the server's today) is"
					+ " what the web UI's headings say.")
	@ApiResponse(responseCode = "200", description = "One page of tasks")
	@ApiResponse(responseCode = "400", ref = OpenApiConfiguration.BAD_REQUEST)
	TaskList list(CurrentUser user,
			@Parameter(description = "Tasks per page")
			@RequestParam(defaultValue = "" + TaskQuery.DEFAULT_LIMIT) @Min(1) @Max(TaskQuery.MAX_LIMIT) int limit,
			@Parameter(description = "nextCursor of the previous page", schema = @Schema(type = "string"))
			@RequestParam(required = false) String cursor,
			@Parameter(description = "Only done (true) or open (false) tasks")
			@RequestParam(required = false) Boolean done,
			@Parameter(description = "Search: the text anywhere in the title or notes, or each of its words (in simple word"
					+ " forms: \"dogs\" finds Dog) among the title's and notes' words, the names, parents and aliases of"
					+ " the labels of the task's images and the text read in them; case and accents do not matter")
			@RequestParam(required = false) String q,
			@Parameter(description = "A label, or a parent of a label, of one of the task's images (\"animal\")")
			@RequestParam(required = false) String label,
			@Parameter(description = "newest (the default) or due", schema = @Schema(type = "string",
					allowableValues = { "newest", "due" }))
			@RequestParam(required = false) TaskQuery.Sort sort) {
		TaskQuery.Cursor after = cursor == null || cursor.isEmpty() ? null : tasks.cursor(user.id(), cursor);
		TaskPage page = tasks.list(user.id(), new TaskQuery(done, q, label, after, limit, sort));
		LocalDate today = tasks.today();
		return new TaskList(page.items().stream().map(task -> TaskJson.of(task, today)).toList(), page.nextCursor());
	}

	@PostMapping
	@Operation(summary = "Create a task")
	@ApiResponse(responseCode = "201", description = "Created; Location is the task")
	@ApiResponse(responseCode = "400", ref = OpenApiConfiguration.BAD_REQUEST)
	@ApiResponse(responseCode = "413", ref = OpenApiConfiguration.TOO_LARGE)
	@ApiResponse(responseCode = "415", ref = OpenApiConfiguration.UNSUPPORTED_TYPE)
	@ApiResponse(responseCode = "422", ref = OpenApiConfiguration.UNPROCESSABLE)
	ResponseEntity<TaskJson> create(CurrentUser user, @RequestBody NewTask task) {
		Task created = tasks.create(user.id(), task.title(), task.body(), task.dueDate());
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(created.id())
			.toUri();
		return ResponseEntity.created(location).body(TaskJson.of(created, tasks.today()));
	}

	@GetMapping("/{id}")
	@Operation(summary = "One task")
	@ApiResponse(responseCode = "200", description = "The task")
	@ApiResponse(responseCode = "404", ref = OpenApiConfiguration.NOT_FOUND)
	TaskJson get(CurrentUser user, @PathVariable String id) {
		return TaskJson.of(tasks.get(user.id(), id), tasks.today());
	}

	@PatchMapping(path = "/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH_JSON })
	@Operation(summary = "Change some fields of a task",
			description = "Fields left out stay as they are; \"dueDate\": null removes the due date. All or nothing:"
					+ " when one field is invalid, none changes.")
	@ApiResponse(responseCode = "200", description = "The changed task")
	@ApiResponse(responseCode = "400", ref = OpenApiConfiguration.BAD_REQUEST)
	@ApiResponse(responseCode = "404", ref = OpenApiConfiguration.NOT_FOUND)
	@ApiResponse(responseCode = "413", ref = OpenApiConfiguration.TOO_LARGE)
	@ApiResponse(responseCode = "415", ref = OpenApiConfiguration.UNSUPPORTED_TYPE)
	@ApiResponse(responseCode = "422", ref = OpenApiConfiguration.UNPROCESSABLE)
	TaskJson update(CurrentUser user, @PathVariable String id, @RequestBody TaskChanges changes) {
		return TaskJson.of(tasks.update(user.id(), id, changes.toPatch()), tasks.today());
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a task and its attachments")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", ref = OpenApiConfiguration.NOT_FOUND)
	void delete(CurrentUser user, @PathVariable String id) {
		tasks.delete(user.id(), id);
	}

	@Schema(description = "A task")
	record TaskJson(
			@Schema(description = "22 random URL-safe characters", example = "qJ3xq0nY5r9KcZ1d2e3f4g") String id,
			String title,
			String body,
			@Schema(description = "ISO date", example = "2026-03-31", nullable = true) LocalDate dueDate,
			boolean done,
			Instant createdAt,
			Instant updatedAt,
			@Schema(description = "Where the due date falls from the server's today") DueGroup dueGroup) {

		static TaskJson of(Task task, LocalDate today) {
			return new TaskJson(task.id(), task.title(), task.body(), task.dueDate(), task.done(), task.createdAt(),
					task.updatedAt(), DueGroup.of(task.dueDate(), today));
		}
	}

	@Schema(description = "A page of tasks in the order asked for")
	record TaskList(List<TaskJson> items,
			@Schema(description = "cursor of the next page; null on the last page", nullable = true) String nextCursor) {
	}

	@Schema(description = "A new task")
	record NewTask(
			@Schema(description = "1–" + Task.MAX_TITLE + " characters after trimming", maxLength = Task.MAX_TITLE,
					requiredMode = Schema.RequiredMode.REQUIRED, example = "Buy milk") String title,
			@Schema(description = "0–" + Task.MAX_BODY + " characters", maxLength = Task.MAX_BODY,
					example = "2 litres") String body,
			@Schema(description = "ISO date", example = "2026-03-31", nullable = true) @JsonFormat(lenient = OptBoolean.FALSE)
			LocalDate dueDate) {
	}

	/**
	 * A PATCH body. Jackson calls a setter only for a field present in the JSON (with its value, which may be
	 * null), so each setter records that its field was sent: "dueDate": null clears the due date while a body
	 * without "dueDate" keeps it.
	 */
	@Schema(description = "Fields to change; fields left out stay as they are")
	static final class TaskChanges {

		@JsonProperty
		@Schema(description = "1–" + Task.MAX_TITLE + " characters after trimming", maxLength = Task.MAX_TITLE)
		private String title;

		@JsonProperty
		@Schema(description = "0–" + Task.MAX_BODY + " characters; null empties it", maxLength = Task.MAX_BODY,
				nullable = true)
		private String body;

		@JsonProperty
		@Schema(description = "ISO date; null removes it", example = "2026-03-31", nullable = true)
		@JsonFormat(lenient = OptBoolean.FALSE)
		private LocalDate dueDate;

		@JsonProperty
		private Boolean done;

		private boolean titleSent;
		private boolean bodySent;
		private boolean dueDateSent;
		private boolean doneSent;

		public void setTitle(String value) {
			title = value;
			titleSent = true;
		}

		public void setBody(String value) {
			body = value;
			bodySent = true;
		}

		public void setDueDate(LocalDate value) {
			dueDate = value;
			dueDateSent = true;
		}

		public void setDone(Boolean value) {
			done = value;
			doneSent = true;
		}

		/** A title sent as null is an empty title (refused by the task); a body sent as null empties the body. */
		TaskPatch toPatch() {
			TaskPatch patch = TaskPatch.none();
			if (titleSent) {
				patch = patch.withTitle(title == null ? "" : title);
			}
			if (bodySent) {
				patch = patch.withBody(body == null ? "" : body);
			}
			if (dueDateSent) {
				patch = patch.withDueDate(dueDate);
			}
			if (doneSent) {
				if (done == null) {
					throw new InvalidTaskException("done", "done must be true or false");
				}
				patch = patch.withDone(done);
			}
			return patch;
		}
	}

	/** Reads the {@code sort} parameter; another word is a bad parameter (400). */
	@Component
	static class SortConverter implements Converter<String, TaskQuery.Sort> {

		@Override
		public TaskQuery.Sort convert(String text) {
			return TaskQuery.Sort.parse(text);
		}
	}
}
