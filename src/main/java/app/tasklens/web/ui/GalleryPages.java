package app.tasklens.web.ui;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestHeader;

import app.tasklens.web.CurrentUser;

/**
 * All images: every image of the user's tasks, newest first, searchable and filterable by label like My
 * Tasks, each card leading to its task. The filter form and "Load more" are plain links and forms, so it works
 * without JavaScript; htmx (header {@code HX-Request}) gets only the results, and js/app.js asks for them
 * again when an event says an image or a task changed.
 */
@Controller
class GalleryPages {

	private static final String HTMX = "HX-Request";

	private final AttachmentCards cards;

	GalleryPages(AttachmentCards cards) {
		this.cards = cards;
	}

	@ModelAttribute("user")
	CurrentUser user(CurrentUser user) {
		return user;
	}

	@GetMapping(ImageFilter.PATH)
	String images(CurrentUser user, ImageFilter filter, @RequestHeader(name = HTMX, defaultValue = "false") boolean htmx,
			Model model) {
		AttachmentCards.Gallery gallery = cards.gallery(user.id(), filter);
		model.addAttribute("filter", filter)
			.addAttribute("cards", gallery.cards())
			.addAttribute("nextPage", gallery.nextPage())
			.addAttribute("nav", "images");
		return htmx ? "images :: results" : "images";
	}
}
