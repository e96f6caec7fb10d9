package app.tasklens.web.ui;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

import app.tasklens.attachment.AttachmentNotFoundException;
import app.tasklens.task.InvalidTaskException;
import app.tasklens.task.TaskNotFoundException;
import app.tasklens.web.CurrentUser;

/** Error pages of the UI (the JSON API answers problem+json on its own). */
@ControllerAdvice(basePackageClasses = UiErrors.class)
class UiErrors {

	/** Someone else's task looks exactly like a missing one. */
	@ExceptionHandler(TaskNotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String taskNotFound(CurrentUser user, Model model) {
		model.addAttribute("user", user);
		return "not-found";
	}

	/** Someone else's image, or one deleted meanwhile (another tab, the task deleted). */
	@ExceptionHandler(AttachmentNotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String attachmentNotFound(CurrentUser user, Model model) {
		model.addAttribute("user", user).addAttribute("missing", "Image");
		return "not-found";
	}

	/** Only an address edited by hand gets here, with a cursor this server did not make. */
	@ExceptionHandler(InvalidTaskException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String badAddress(CurrentUser user, Model model) {
		model.addAttribute("user", user).addAttribute("status", 400).addAttribute("error", "Bad request");
		return "error";
	}
}
