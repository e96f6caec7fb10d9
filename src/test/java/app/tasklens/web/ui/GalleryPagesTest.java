package app.tasklens.web.ui;

import static app.tasklens.web.ui.AttachedImages.detection;
import static app.tasklens.web.ui.AttachedImages.label;
import static app.tasklens.web.ui.AttachedImages.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentUploads;
import app.tasklens.attachment.Attachments;
import app.tasklens.attachment.ObjectStore;
import app.tasklens.labeling.AttachmentLabels;
import app.tasklens.task.Task;
import app.tasklens.task.TaskService;

/**
 * All images as plain pages (what a browser without JavaScript gets): every image of the user's tasks newest
 * first with its task, the label filter and search of My Tasks, the empty states, and the viewer opened from
 * it stepping through the gallery's order. Another user's images never appear. Same context as
 * {@link AttachmentPagesTest}: no models, so only the labels a test saves are there.
 */
@SpringBootTest(properties = { "tasklens.data-dir=target/test-tmp/ui-attachments",
		"tasklens.labeling.model-wait=1h" })
@AutoConfigureMockMvc
class GalleryPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	TaskService tasks;

	private SignedInUser alice;
	private SignedInUser bob;
	private Task walk;
	private Task errands;
	private Attachment dog;
	private Attachment sign;
	private Attachment cat;
	private Attachment bobs;

	@BeforeEach
	void aliceHasThreeImagesOnTwoTasksAndBobOne(@Autowired AttachmentUploads uploads, @Autowired ObjectStore store,
			@Autowired Attachments attachments, @Autowired AttachmentLabels labels,
			@Autowired TransactionTemplate transactions, @Autowired Clock clock) throws Exception {
		AttachedImages images = new AttachedImages(uploads, store, attachments, labels, transactions, clock);
		alice = SignedInUser.signUp(mvc);
		bob = SignedInUser.signUp(mvc);
		walk = tasks.create(alice.id(), "Morning walk", "", null);
		errands = tasks.create(alice.id(), "Errands", "post office", null);
		dog = images.uploadAndLabel(alice.id(), walk.id(), "dog.png",
				detection(List.of(label("Dog", 95, "Canine", "Animal")), List.of()));
		Thread.sleep(5); // a new millisecond: the order is by creation time
		sign = images.uploadAndLabel(alice.id(), errands.id(), "sign.png",
				detection(List.of(label("Sign", 90)), List.of(line("STOP"))));
		Thread.sleep(5);
		cat = images.uploadAndLabel(alice.id(), walk.id(), "cat.png",
				detection(List.of(label("Cat", 93, "Feline", "Animal")), List.of()));
		Task bobsTask = tasks.create(bob.id(), "Bob's dog", "", null);
		bobs = images.uploadAndLabel(bob.id(), bobsTask.id(), "bob.png",
				detection(List.of(label("Dog", 97, "Canine", "Animal")), List.of()));
	}

	@Test
	void everyImageOfTheUsersTasksShowsNewestFirstWithALinkToItsTaskAndNoOneElsesDoes() throws Exception {
		String html = page("/images", alice);

		assertThat(html).contains("<h1>All images</h1>");
		assertThat(order(html, cat, sign, dog)).as("newest first").isTrue();
		assertThat(html).doesNotContain(bobs.id());
		assertThat(html).contains("href=\"/#task-" + errands.id() + "\"").contains(">Errands</a>");
		assertThat(html).contains("href=\"/tasks/" + walk.id() + "/attachments/" + cat.id() + "/view?from=images\"");
		assertThat(html).as("the header links to the gallery, the current page")
			.containsPattern("id=\"nav-images\" href=\"/images\" aria-current=\"page\"");
		assertThat(page("/", alice)).contains("id=\"nav-images\" href=\"/images\"");

		String bobsPage = page("/images", bob);
		assertThat(bobsPage).contains(bobs.id()).doesNotContain(dog.id()).doesNotContain(cat.id());
		assertThat(page("/images", SignedInUser.signUp(mvc))).contains("No images yet.").doesNotContain(bobs.id());
	}

	@Test
	void theLabelFilterAndTheSearchNarrowTheGalleryAsTheyDoMyTasks() throws Exception {
		String animals = page("/images?label=animal", alice);
		assertThat(order(animals, cat, dog)).isTrue();
		assertThat(animals).doesNotContain(sign.id()).doesNotContain(bobs.id()).contains("Clear label filter");
		assertThat(animals).as("a badge filters the gallery")
			.contains("href=\"/images?label=Cat#gallery\"");

		assertThat(page("/images?q=stop", alice)).as("text read in the image").contains(sign.id())
			.doesNotContain(dog.id()).doesNotContain(cat.id());
		assertThat(page("/images?q=dogs", alice)).as("a label as a plural").contains(dog.id())
			.doesNotContain(cat.id()).doesNotContain(bobs.id());
		assertThat(page("/images?q=office", alice)).as("its task's notes").contains(sign.id()).doesNotContain(dog.id());
		assertThat(page("/images?q=zebra", alice)).contains("No images match.").doesNotContain("No images yet.");
	}

	@Test
	void theViewerOpenedFromTheGalleryStepsThroughItsOrderWithItsFilter() throws Exception {
		String middle = page(view(walk, dog) + "?from=images", alice);
		assertThat(middle).contains("Image 3 of 3 in all your images").contains("← All images");
		assertThat(middle).contains("href=\"" + view(errands, sign) + "?from=images\" aria-keyshortcuts=\"ArrowLeft\"");

		String filtered = page(view(walk, cat) + "?from=images&label=animal", alice);
		assertThat(filtered).contains("Image 1 of 2 in the images found");
		assertThat(filtered).contains("href=\"" + view(walk, dog) + "?from=images&amp;label=animal\"");

		assertThat(page(view(walk, cat), alice)).as("opened from the task: the task's images")
			.contains("Image 2 of 2 in this task");
		assertThat(mvc.perform(get(view(walk, dog) + "?from=images").session(bob.session())).andReturn()
			.getResponse().getStatus()).as("another user's image").isEqualTo(404);
	}

	@Test
	void aLabelChangedInTheViewerOpenedFromTheGalleryKeepsItSteppingThroughTheGallery() throws Exception {
		String viewer = page(view(walk, cat) + "?from=images&label=animal", alice);
		String remove = view(walk, cat).replace("/view", "/labels/remove") + "?from=images&amp;label=animal";
		assertThat(viewer).contains("action=\"" + remove + "\"");

		mvc.perform(post(remove.replace("&amp;", "&")).with(csrf()).session(alice.session()).param("name", "Sofa"))
			.andExpect(redirectedUrl(view(walk, cat) + "?from=images&label=animal"));
		String htmx = mvc.perform(post(view(walk, cat).replace("/view", "/labels") + "?from=images")
			.with(csrf()).session(alice.session()).header("HX-Request", "true").param("name", "Pet"))
			.andReturn().getResponse().getContentAsString();
		assertThat(htmx).contains("Image 1 of 3 in all your images").contains("?from=images");
	}

	private static String view(Task task, Attachment image) {
		return "/tasks/" + task.id() + "/attachments/" + image.id() + "/view";
	}

	private static boolean order(String html, Attachment... images) {
		int at = -1;
		for (Attachment image : images) {
			int found = html.indexOf("id=\"attachment-" + image.id() + "\"");
			if (found <= at) {
				return false;
			}
			at = found;
		}
		return true;
	}

	private String page(String path, SignedInUser user) throws Exception {
		return PageHtml.of(mvc, get(path).session(user.session()), 200).html();
	}
}
