package app.tasklens.web.ui;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.tasklens.attachment.AttachmentService;
import app.tasklens.attachment.IllegalAttachmentStateException;
import app.tasklens.web.CurrentUser;

/**
 * A task's images as HTML: the card that {@code js/app.js} swaps in when an event says an image changed,
 * all cards of a task (after a reconnect), the image opened with its boxes and text, and retry and delete
 * as forms that work without JavaScript. Asking for an upload URL, the image bytes and the event stream
 * are the JSON routes of {@code web.api}, which the page calls with its session.
 */
@Controller
@RequestMapping("/tasks/{taskId}/attachments")
class AttachmentPages {

	private static final String HTMX = "HX-Request";

	private final AttachmentCards cards;
	private final AttachmentService attachments;

	AttachmentPages(AttachmentCards cards, AttachmentService attachments) {
		this.cards = cards;
		this.attachments = attachments;
	}

	@ModelAttribute("user")
	CurrentUser user(CurrentUser user) {
		return user;
	}

	/** The list of the task's cards, to replace the one on the page. */
	@GetMapping("/cards")
	String cards(CurrentUser user, @PathVariable String taskId, Model model) {
		model.addAttribute("taskId", taskId).addAttribute("cards", cards.ofTask(user.id(), taskId));
		return "attachment-parts :: card-list";
	}

	@GetMapping("/{attachmentId}/card")
	String card(CurrentUser user, @PathVariable String taskId, @PathVariable String attachmentId, Model model) {
		model.addAttribute("card", cards.card(user.id(), taskId, attachmentId));
		return "attachment-parts :: card";
	}

	/** The image opened: in the page's dialog for htmx and {@code js/app.js}, as a page of its own without. */
	@GetMapping("/{attachmentId}/view")
	String view(CurrentUser user, @PathVariable String taskId, @PathVariable String attachmentId,
			@RequestHeader(name = HTMX, defaultValue = "false") boolean htmx, Model model) {
		model.addAttribute("view", cards.view(user.id(), taskId, attachmentId));
		return htmx ? "attachment-parts :: viewer" : "attachment";
	}

	/**
	 * Labels the image again (the Retry of a failed one). Clicked twice, the second click finds it labeling
	 * already and just shows that.
	 */
	@PostMapping("/{attachmentId}/retry")
	String retry(CurrentUser user, @PathVariable String taskId, @PathVariable String attachmentId,
			@RequestHeader(name = HTMX, defaultValue = "false") boolean htmx, Model model, RedirectAttributes flash) {
		try {
			attachments.relabel(user.id(), taskId, attachmentId);
		}
		catch (IllegalAttachmentStateException ex) {
			// Not LABELED or FAILED: it is being labeled already, which is what Retry asked for.
		}
		if (htmx) {
			model.addAttribute("card", cards.card(user.id(), taskId, attachmentId));
			return "attachment-parts :: card";
		}
		flash.addFlashAttribute("message", "Detecting labels again.");
		return "redirect:/#task-" + taskId;
	}

	/** Without JavaScript the delete button leads here, to confirm; with it, htmx asks with a dialog. */
	@GetMapping("/{attachmentId}/delete")
	String confirmDelete(CurrentUser user, @PathVariable String taskId, @PathVariable String attachmentId,
			Model model) {
		model.addAttribute("card", cards.card(user.id(), taskId, attachmentId));
		return "attachment-delete";
	}

	@PostMapping("/{attachmentId}/delete")
	String delete(CurrentUser user, @PathVariable String taskId, @PathVariable String attachmentId,
			@RequestHeader(name = HTMX, defaultValue = "false") boolean htmx, RedirectAttributes flash,
			HttpServletResponse response) {
		attachments.delete(user.id(), taskId, attachmentId);
		if (htmx) {
			response.setHeader("HX-Trigger", "{\"tasklens:message\":\"Image deleted.\"}");
			return "task-parts :: removed";
		}
		flash.addFlashAttribute("message", "Image deleted.");
		return "redirect:/#task-" + taskId;
	}
}
