package app.tasklens.web.ui;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

import app.tasklens.account.InvitesOffException;
import app.tasklens.admin.NotAdminException;
import app.tasklens.attachment.AttachmentNotFoundException;
import app.tasklens.attachment.StorageFullException;
import app.tasklens.task.InvalidTaskException;
import app.tasklens.task.TaskNotFoundException;
import app.tasklens.web.CurrentUser;
import app.tasklens.web.DiskFull;

/** Error pages of the UI (the JSON API answers problem+json on its own). */
@ControllerAdvice(basePackageClasses = UiErrors.class)
class UiErrors {

	/** A rule's message ("a label needs a name") as a sentence for the page: capital first, full stop last. */
	static String sentence(String message) {
		if (message == null || message.isEmpty()) {
			return message;
		}
		String text = Character.toUpperCase(message.charAt(0)) + message.substring(1);
		return text.endsWith(".") ? text : text + ".";
	}

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

	/** A full disk (an upload or any database write) says so, rather than "something went wrong". */
	@ExceptionHandler(StorageFullException.class)
	@ResponseStatus(HttpStatus.INSUFFICIENT_STORAGE)
	String storageFull(CurrentUser user, Model model) {
		model.addAttribute("user", user).addAttribute("status", 507).addAttribute("error", "The server's storage is full")
			.addAttribute("detail", DiskFull.MESSAGE);
		return "error";
	}

	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	String database(RuntimeException ex, CurrentUser user, Model model, HttpServletResponse response) {
		if (!DiskFull.causes(ex)) {
			throw ex;
		}
		response.setStatus(HttpStatus.INSUFFICIENT_STORAGE.value());
		return storageFull(user, model);
	}

	/** A form of the account page that the server's sign-up mode has no use for (posted from an old page). */
	@ExceptionHandler(InvitesOffException.class)
	@ResponseStatus(HttpStatus.CONFLICT)
	String invitesOff(InvitesOffException ex, CurrentUser user, Model model) {
		return refused(user, model, HttpStatus.CONFLICT, "Invite links are off", ex.getMessage());
	}

	/** The admin page, asked for by someone who is not an admin. */
	@ExceptionHandler(NotAdminException.class)
	@ResponseStatus(HttpStatus.FORBIDDEN)
	String notAdmin(NotAdminException ex, CurrentUser user, Model model) {
		return refused(user, model, HttpStatus.FORBIDDEN, "Admins only", ex.getMessage());
	}

	/** The error page with a heading and a sentence that says why. */
	private static String refused(CurrentUser user, Model model, HttpStatus status, String heading, String detail) {
		model.addAttribute("user", user).addAttribute("status", status.value()).addAttribute("error", heading)
			.addAttribute("detail", detail);
		return "error";
	}

	/** Only an address edited by hand gets here, with a cursor this server did not make. */
	@ExceptionHandler(InvalidTaskException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String badAddress(CurrentUser user, Model model) {
		model.addAttribute("user", user).addAttribute("status", 400).addAttribute("error", "Bad request");
		return "error";
	}
}
