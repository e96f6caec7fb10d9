package app.tasklens.web.api;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import app.tasklens.web.CurrentUser;

/**
 * The signed-in user's image and task events as Server-Sent Events: {@code /api/events} with a bearer token,
 * {@code /events} with the web UI's session (an {@code EventSource} cannot send a bearer header).
 */
@RestController
@Tag(name = "Events", description = "Live changes of the signed-in user's images and tasks")
class EventController {

	private final AttachmentEventStream stream;

	EventController(AttachmentEventStream stream) {
		this.stream = stream;
	}

	@GetMapping(path = {"/api/events", "/events"}, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "Server-Sent Events: image status changes, saved labels and task changes",
			description = "Events `status` (UPLOADED, LABELING, FAILED), `labels` (LABELED, with `labels` and"
					+ " `textDetections`) and `deleted`, each with `taskId`, `attachmentId`, `status` and `error`;"
					+ " `task` with `taskId` and `change` (created, changed, deleted) when one of the user's tasks"
					+ " changes, from any client."
					+ " Reconnect with Last-Event-ID to get what was missed, or a `reset` event when that is no longer"
					+ " known. /events serves the web UI's session.")
	@ApiResponse(responseCode = "200", description = "The event stream", content = @Content(
			mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string",
					description = "text/event-stream: lines `id:`, `event:` and `data:` (a JSON object), a blank line"
							+ " after each event")))
	SseEmitter events(CurrentUser user, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
		return stream.subscribe(user.id(), lastEventId);
	}
}
