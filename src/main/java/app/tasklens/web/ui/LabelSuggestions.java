package app.tasklens.web.ui;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import app.tasklens.labeling.AttachmentLabels;
import app.tasklens.labeling.LabelCount;
import app.tasklens.web.CurrentUser;

/**
 * What the label filter suggests as the user types (htmx asks as they type): the user's labels and parents
 * that begin with it, most images first, each a link to the list filtered by it with the other filters
 * kept, and how many tasks it finds (in the gallery: the gallery filtered by it, and how many images). Without JavaScript the filter takes the typed label as it is.
 */
@Controller
class LabelSuggestions {

	static final int SHOWN = 8;

	private final AttachmentLabels labels;

	LabelSuggestions(AttachmentLabels labels) {
		this.labels = labels;
	}

	/**
	 * A suggested label: its name, what it finds ("3 tasks"), the filtered list and what following it does.
	 * Public for the template.
	 */
	record Suggestion(String name, String finds, String href, String title) {
	}

	/** @param in {@code images} for the gallery's filter: its suggestions lead to the gallery and count images */
	@GetMapping("/labels/suggestions")
	String suggest(CurrentUser user, TaskFilter filter, @RequestParam(name = "label", defaultValue = "") String typed,
			@RequestParam(required = false) String in, Model model) {
		boolean gallery = ImageFilter.FROM.equals(in);
		ImageFilter images = new ImageFilter(filter.q(), null, null);
		List<Suggestion> suggestions = labels.suggest(user.id(), typed, SHOWN).stream()
			.map(found -> gallery
					? new Suggestion(found.name(), images(found), images.withLabel(found.name()),
							"Show images of " + found.name())
					: new Suggestion(found.name(), count(found), filter.withLabel(found.name()),
							"Show tasks with images of " + found.name()))
			.toList();
		model.addAttribute("suggestions", suggestions).addAttribute("typed", typed);
		return "task-parts :: label-suggestions";
	}

	private static String images(LabelCount found) {
		return found.images() == 1 ? "1 image" : found.images() + " images";
	}

	private static String count(LabelCount found) {
		return found.tasks() == 1 ? "1 task" : found.tasks() + " tasks";
	}
}
