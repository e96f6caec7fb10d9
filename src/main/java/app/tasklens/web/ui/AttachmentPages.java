package app.tasklens.web.ui;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.tasklens.attachment.AttachmentService;
import app.tasklens.attachment.AttachmentUploads;
import app.tasklens.attachment.IllegalAttachmentStateException;
import app.tasklens.attachment.ImageTooLargeException;
import app.tasklens.attachment.InvalidAttachmentException;
import app.tasklens.attachment.InvalidImageException;
import app.tasklens.attachment.StorageQuotaExceededException;
import app.tasklens.attachment.TooManyPendingUploadsException;
import app.tasklens.attachment.UnsupportedImageTypeException;
import app.tasklens.attachment.UploadRejectedException;
import app.tasklens.attachment.UploadTooLargeException;
import app.tasklens.labeling.DuplicateLabelException;
import app.tasklens.labeling.EditLabels;
import app.tasklens.labeling.InvalidLabelException;
import app.tasklens.labeling.LabelNotFoundException;
import app.tasklens.web.CurrentUser;

/**
 * A task's images as HTML: the card that {@code js/app.js} swaps in when an event says an image changed,
 * all cards of a task (after a reconnect), the image opened with its boxes and text, and retry, delete and
 * the user's label edits as forms that work without JavaScript, and the form that attaches images without it.
 * With JavaScript, asking for an upload URL, the image bytes and the event stream are the JSON routes of
 * {@code web.api}, which the page calls with its session.
 */
@Controller
@RequestMapping("/tasks/{taskId}/attachments")
class AttachmentPages {

	private static final String HTMX = "HX-Request";

	private static final int UNPROCESSABLE = HttpStatus.UNPROCESSABLE_CONTENT.value();

	private final AttachmentCards cards;
	private final AttachmentService attachments;
	private final AttachmentUploads uploads;
	private final EditLabels labels;

	AttachmentPages(AttachmentCards cards, AttachmentService attachments, AttachmentUploads uploads, EditLabels labels) {
		this.cards = cards;
		this.attachments = attachments;
		this.uploads = uploads;
		this.labels = labels;
	}

	@ModelAttribute("user")
	CurrentUser user(CurrentUser user) {
		return user;
	}

	/**
	 * The form that attaches images without JavaScript (with it, the page sends the bytes straight to the
	 * store's upload target). Each file goes through the checks of that upload; a refused one leaves nothing,
	 * and the page after the redirect says why. A body larger than the multipart limits never gets here:
	 * {@code web.OversizedForms} answers it.
	 */
	@PostMapping(path = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	String upload(CurrentUser user, @PathVariable String taskId,
			@RequestParam(name = "image", required = false) List<MultipartFile> files, RedirectAttributes flash)
			throws IOException {
		List<String> said = new ArrayList<>();
		for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
			String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "image"
					: file.getOriginalFilename();
			if (file.isEmpty() && "image".equals(name)) {
				continue; // the form was sent with no file chosen
			}
			try {
				uploads.attachReceived(user.id(), taskId, name, file.getContentType(), file.getSize(),
						file::getInputStream);
				said.add(name + " is attached; its labels follow.");
			}
			catch (UnsupportedImageTypeException | UploadTooLargeException | InvalidAttachmentException
					| InvalidImageException | ImageTooLargeException | StorageQuotaExceededException
					| TooManyPendingUploadsException | UploadRejectedException ex) {
				said.add(name + " was not attached: " + UiErrors.sentence(ex.getMessage()));
			}
		}
		flash.addFlashAttribute("message", said.isEmpty() ? "Choose an image to attach first." : String.join(" ", said));
		return "redirect:/#task-" + taskId;
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

	/**
	 * The image opened: in the page's dialog for htmx and {@code js/app.js}, as a page of its own without.
	 * Opened from the gallery ({@code from=images}, with its search and label) Previous and Next step through
	 * the gallery; otherwise through the task's images.
	 */
	@GetMapping("/{attachmentId}/view")
	String view(CurrentUser user, @PathVariable String taskId, @PathVariable String attachmentId,
			@RequestParam(required = false) String from, @RequestParam(required = false) String q,
			@RequestParam(required = false) String label,
			@RequestHeader(name = HTMX, defaultValue = "false") boolean htmx, Model model) {
		showView(user, taskId, attachmentId, gallery(from, q, label), model);
		return htmx ? "attachment-parts :: viewer" : "attachment";
	}

	/** The gallery the viewer was opened from ({@code from=images}), or {@code null} for the task. */
	private static ImageFilter gallery(String from, String q, String label) {
		return ImageFilter.FROM.equals(from) ? new ImageFilter(q, label, null) : null;
	}

	private void showView(CurrentUser user, String taskId, String attachmentId, ImageFilter gallery, Model model) {
		if (gallery != null) {
			model.addAttribute("view", cards.viewInGallery(user.id(), taskId, attachmentId, gallery))
				.addAttribute("gallery", gallery);
		}
		else {
			model.addAttribute("view", cards.view(user.id(), taskId, attachmentId));
		}
	}

	/**
	 * Adds a label by hand. htmx gets the viewer back (a refused name is 422 with the reason at the field);
	 * without JavaScript a redirect to the image's page with a message, or that page with the reason.
	 */
	@PostMapping("/{attachmentId}/labels")
	String addLabel(CurrentUser user, @PathVariable String taskId, @PathVariable String attachmentId,
			@RequestParam(defaultValue = "") String name, @RequestParam(required = false) String from,
			@RequestParam(required = false) String q, @RequestParam(required = false) String label,
			@RequestHeader(name = HTMX, defaultValue = "false") boolean htmx, Model model, RedirectAttributes flash,
			HttpServletResponse response) {
		ImageFilter gallery = gallery(from, q, label);
		try {
			labels.add(user.id(), taskId, attachmentId, name);
		}
		catch (InvalidLabelException | DuplicateLabelException | IllegalAttachmentStateException ex) {
			response.setStatus(UNPROCESSABLE);
			showView(user, taskId, attachmentId, gallery, model);
			model.addAttribute("labelError", UiErrors.sentence(ex.getMessage())).addAttribute("typedLabel", name);
			return htmx ? "attachment-parts :: viewer" : "attachment";
		}
		return labelsChanged(user, taskId, attachmentId, gallery, htmx, "Label added.", model, flash, response);
	}

	/** Removes a label and the kinds of it; one that is gone already (another tab) is simply not there. */
	@PostMapping("/{attachmentId}/labels/remove")
	String removeLabel(CurrentUser user, @PathVariable String taskId, @PathVariable String attachmentId,
			@RequestParam(defaultValue = "") String name, @RequestParam(required = false) String from,
			@RequestParam(required = false) String q, @RequestParam(required = false) String label,
			@RequestHeader(name = HTMX, defaultValue = "false") boolean htmx, Model model, RedirectAttributes flash,
			HttpServletResponse response) {
		ImageFilter gallery = gallery(from, q, label);
		String said = "Label removed.";
		try {
			labels.remove(user.id(), taskId, attachmentId, name);
		}
		catch (LabelNotFoundException | IllegalAttachmentStateException ex) {
			said = "That label is not on the image.";
		}
		return labelsChanged(user, taskId, attachmentId, gallery, htmx, said, model, flash, response);
	}

	/**
	 * The viewer again after a label change, where it was opened (the gallery keeps stepping through itself).
	 *
	 * @param message fixed text of ours, so it goes into the JSON header without escaping
	 */
	private String labelsChanged(CurrentUser user, String taskId, String attachmentId, ImageFilter gallery,
			boolean htmx, String message, Model model, RedirectAttributes flash, HttpServletResponse response) {
		if (htmx) {
			response.setHeader("HX-Trigger", "{\"tasklens:message\":\"" + message + "\"}");
			showView(user, taskId, attachmentId, gallery, model);
			model.addAttribute("focusLabels", true);
			return "attachment-parts :: viewer";
		}
		flash.addFlashAttribute("message", message);
		return "redirect:/tasks/" + taskId + "/attachments/" + attachmentId + "/view"
				+ (gallery == null ? "" : gallery.viewerQuery());
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
