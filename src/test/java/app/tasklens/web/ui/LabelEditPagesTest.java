package app.tasklens.web.ui;

import static app.tasklens.web.ui.AttachedImages.detection;
import static app.tasklens.web.ui.AttachedImages.label;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentUploads;
import app.tasklens.attachment.Attachments;
import app.tasklens.attachment.ObjectStore;
import app.tasklens.labeling.AttachmentLabels;
import app.tasklens.labeling.Label;
import app.tasklens.task.Task;
import app.tasklens.task.TaskService;

/**
 * Removing and adding labels in the viewer as plain forms (with their CSRF token, answered with the image's
 * page or, for htmx, the viewer), what the viewer and the card then say is the user's, the reasons a name is
 * refused, and the label filter's suggestions. Same context as {@link AttachmentPagesTest}: no models, so
 * only the labels a test saves are there.
 */
@SpringBootTest(properties = { "tasklens.data-dir=target/test-tmp/ui-attachments",
		"tasklens.labeling.model-wait=1h" })
@AutoConfigureMockMvc
class LabelEditPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	TaskService tasks;

	@Autowired
	AttachmentLabels labels;

	private AttachedImages images;
	private SignedInUser alice;
	private Task task;
	private Attachment dog;

	@BeforeEach
	void aliceHasAPhotoLabeledDog(@Autowired AttachmentUploads uploads, @Autowired ObjectStore store,
			@Autowired Attachments attachments, @Autowired TransactionTemplate transactions, @Autowired Clock clock) {
		images = new AttachedImages(uploads, store, attachments, labels, transactions, clock);
		try {
			alice = SignedInUser.signUp(mvc);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		task = tasks.create(alice.id(), "Morning walk", "", null);
		dog = images.uploadAndLabel(alice.id(), task.id(), "dog.png", detection(List.of(
				label("Dog", 95, "Canine", "Animal"), label("Malamute", 70, "Dog", "Canine", "Animal"),
				label("Animal", 95), label("Sofa", 60, "Furniture")), List.of()));
	}

	@Test
	void withoutJavaScriptAFormRemovesALabelAndTheKindsOfItAndTheImagesPageSaysSo() throws Exception {
		String viewer = html(get(base() + "/view").session(alice.session()));
		assertThat(viewer).contains("action=\"" + base() + "/labels/remove\"").contains("name=\"_csrf\"")
			.contains("Remove the label Dog").contains("action=\"" + base() + "/labels\"").contains("Add a label");

		mvc.perform(post(base() + "/labels/remove").session(alice.session()).with(csrf()).param("name", "Dog"))
			.andExpect(redirectedUrl(base() + "/view"))
			.andExpect(flash().attribute("message", "Label removed."));

		assertThat(shown()).containsExactly("Animal", "Sofa");
		String after = html(get(base() + "/view").session(alice.session()));
		assertThat(after).contains("Removed by you").contains("Put the label Dog back")
			.doesNotContain("Remove the label Dog").doesNotContain("Remove the label Malamute");
	}

	@Test
	void aLabelAddedByHandIsMarkedAsTheUsersOnTheViewerAndTheCard() throws Exception {
		mvc.perform(post(base() + "/labels").session(alice.session()).with(csrf()).param("name", "Rex <the dog>"))
			.andExpect(redirectedUrl(base() + "/view"))
			.andExpect(flash().attribute("message", "Label added."));

		String viewer = html(get(base() + "/view").session(alice.session()));
		String card = html(get(base() + "/card").session(alice.session()));

		assertThat(shown()).startsWith("Rex <the dog>");
		assertThat(viewer).contains("Rex &lt;the dog&gt;").contains("added by you").doesNotContain("<the dog>");
		assertThat(card).contains("label-badge is-users").contains(">yours<")
			.contains("Added by you. Show tasks with images of Rex &lt;the dog&gt;");
	}

	@Test
	void htmxGetsTheViewerBackAndARefusedNameIsSaidAtTheField() throws Exception {
		String added = mvc.perform(post(base() + "/labels").session(alice.session()).with(csrf())
			.header("HX-Request", "true").param("name", "Frisbee"))
			.andExpect(status().isOk())
			.andExpect(header().string("HX-Trigger", "{\"tasklens:message\":\"Label added.\"}"))
			.andReturn().getResponse().getContentAsString();
		assertThat(added).doesNotContain("<html").contains("class=\"viewer\"").contains(">Frisbee<")
			.contains("added by you");

		for (String[] refused : new String[][] { { "  ", "A label needs a name." },
				{ "x".repeat(101), "A label name must be at most 100 characters." },
				{ "tab\there", "A label name cannot contain control characters." },
				{ "frisbee", "The image has the label Frisbee already." } }) {
			String answer = mvc.perform(post(base() + "/labels").session(alice.session()).with(csrf())
				.header("HX-Request", "true").param("name", refused[0]))
				.andExpect(status().isUnprocessableContent())
				.andReturn().getResponse().getContentAsString();
			assertThat(answer).contains("role=\"alert\"").contains(refused[1]).contains("aria-invalid=\"true\"");
		}
		assertThat(shown()).containsExactly("Frisbee", "Dog", "Malamute", "Animal", "Sofa");

		String page = mvc.perform(post(base() + "/labels").session(alice.session()).with(csrf()).param("name", ""))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("<html").contains("A label needs a name.");
	}

	@Test
	void aFormWithoutItsCsrfTokenOrForAnotherUsersImageChangesNothing() throws Exception {
		SignedInUser bob = SignedInUser.signUp(mvc);

		mvc.perform(post(base() + "/labels/remove").session(alice.session()).param("name", "Dog"))
			.andExpect(status().isForbidden());
		for (RequestBuilder request : List.of(
				post(base() + "/labels").session(bob.session()).with(csrf()).param("name", "Mine"),
				post(base() + "/labels/remove").session(bob.session()).with(csrf()).param("name", "Dog"))) {
			String body = mvc.perform(request).andExpect(status().isNotFound()).andReturn().getResponse()
				.getContentAsString();
			assertThat(body).doesNotContain("dog.png").doesNotContain("Morning walk");
		}

		assertThat(shown()).containsExactly("Dog", "Malamute", "Animal", "Sofa");
	}

	@Test
	void theLabelFilterSuggestsLabelsThatBeginWithWhatWasTypedWithCountsAndKeepsTheOtherFilters() throws Exception {
		Task second = tasks.create(alice.id(), "Evening walk", "", null);
		images.uploadAndLabel(alice.id(), second.id(), "puppy.png", detection(List.of(label("Dog", 90)), List.of()));

		String suggestions = html(get("/labels/suggestions").session(alice.session()).header("HX-Request", "true")
			.param("label", "do").param("q", "walk").param("done", "false"));
		String none = html(get("/labels/suggestions").session(alice.session()).param("label", "zebra"));

		assertThat(suggestions).doesNotContain("<html").contains(">Dog<").contains(">2 tasks<")
			.contains("href=\"/?q=walk&amp;label=Dog&amp;done=false#tasks\"").doesNotContain("Sofa");
		assertThat(none).contains("No image has a label that begins with “<span>zebra</span>”.");
		String myTasks = html(get("/").session(alice.session()));
		String gallery = html(get("/images").session(alice.session()));
		assertThat(myTasks).contains("hx-get=\"/labels/suggestions\"").doesNotContain("hx-vals");
		assertThat(gallery).as("the gallery's suggestions count images").contains("hx-get=\"/labels/suggestions\"")
			.contains("hx-vals=\"{&quot;in&quot;: &quot;images&quot;}\"");
	}

	@Test
	void theSearchBoxFindsATaskByItsImagesLabelsAndTheUsersChanges() throws Exception {
		tasks.create(alice.id(), "Buy milk", "", null);

		assertThat(taskTitles("malamutes")).containsExactly("Morning walk");
		assertThat(taskTitles("furniture")).as("a parent").containsExactly("Morning walk");
		mvc.perform(post(base() + "/labels").session(alice.session()).with(csrf()).param("name", "Grandma's sofa"));
		mvc.perform(post(base() + "/labels/remove").session(alice.session()).with(csrf()).param("name", "Dog"));

		assertThat(taskTitles("grandma")).containsExactly("Morning walk");
		assertThat(taskTitles("malamute")).isEmpty();
		assertThat(taskTitles("milk")).containsExactly("Buy milk");
	}

	private List<String> taskTitles(String q) throws Exception {
		String page = html(get("/").session(alice.session()).param("q", q));
		return java.util.regex.Pattern.compile("class=\"task-title\"[^>]*>([^<]*)<").matcher(page).results()
			.map(match -> match.group(1).strip())
			.toList();
	}

	private String base() {
		return "/tasks/" + task.id() + "/attachments/" + dog.id();
	}

	private List<String> shown() {
		return labels.find(dog.id()).orElseThrow().labels().stream().map(Label::name).toList();
	}

	private String html(RequestBuilder request) throws Exception {
		return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}
}
