package app.tasklens.web.api;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import app.tasklens.web.CurrentUser;

/**
 * The signed-in user's attachment events as Server-Sent Events: {@code /api/events} with a bearer token,
 * {@code /events} with the web UI's session (an {@code EventSource} cannot send a bearer header).
 */
@RestController
class EventController {

	private final AttachmentEventStream stream;

	EventController(AttachmentEventStream stream) {
		this.stream = stream;
	}

	@GetMapping(path = {"/api/events", "/events"}, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(CurrentUser user, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
		return stream.subscribe(user.id(), lastEventId);
	}
}
