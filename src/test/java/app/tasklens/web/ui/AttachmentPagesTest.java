package app.tasklens.web.ui;

import static app.tasklens.web.ui.AttachedImages.boxed;
import static app.tasklens.web.ui.AttachedImages.detection;
import static app.tasklens.web.ui.AttachedImages.label;
import static app.tasklens.web.ui.AttachedImages.line;
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
import app.tasklens.attachment.AttachmentService;
import app.tasklens.attachment.AttachmentStatus;
import app.tasklens.attachment.AttachmentUploads;
import app.tasklens.attachment.Attachments;
import app.tasklens.attachment.ObjectStore;
import app.tasklens.labeling.AttachmentLabels;
import app.tasklens.labeling.BoundingBox;
import app.tasklens.labeling.LabelImage;
import app.tasklens.task.Task;
import app.tasklens.task.TaskService;

/**
 * The image parts of My Tasks as HTML, on the real store: the card an event swaps in, the viewer with
 * its boxes and text, retry and delete as forms, the label filter, and that another user's image is not
 * found and no label, text or file name reaches the page as markup. The detector is left without its
 * models (none in this data dir), so only the labels a test saves are there; an image the worker has
 * already tried waits for the models (PENDING_MODEL) instead of being labeled.
 */
@SpringBootTest(properties = { "tasklens.data-dir=target/test-tmp/ui-attachments",
		"tasklens.labeling.model-wait=1h" })
@AutoConfigureMockMvc
class AttachmentPagesTest {

	private static final String HOSTILE = "<script>alert(1)</script>";

	@Autowired
	MockMvc mvc;

	@Autowired
	TaskService tasks;

	@Autowired
	AttachmentService attachmentService;

	@Autowired
	LabelImage labelImage;

	private AttachedImages images;
	private SignedInUser alice;
	private Task task;

	@BeforeEach
	void aliceHasATask(@Autowired AttachmentUploads uploads, @Autowired ObjectStore store, @Autowired Attachments attachments,
			@Autowired AttachmentLabels labels, @Autowired TransactionTemplate transactions, @Autowired Clock clock)
			throws Exception {
		images = new AttachedImages(uploads, store, attachments, labels, transactions, clock);
		alice = SignedInUser.signUp(mvc);
		task = tasks.create(alice.id(), "Walk the dog", "", null);
	}

	@Test
	void cardShowsTheStrongestSpecificLabelsAsFilterLinksAndCountsTheRest() throws Exception {
		Attachment dog = images.uploadAndLabel(alice.id(), task.id(), "dog.png",
				detection(List.of(label("Dog", 98.7, "Canine", "Mammal", "Animal"), label("Canine", 98.7),
						label("Mammal", 98.7), label("Animal", 98.7), label("Pet", 91.2),
						label("Malamute", 61.0, "Dog", "Canine", "Mammal", "Animal"), label("Grass", 60.4)),
						List.of()));

		String card = html(get(cardPath(dog)).session(alice.session()));

		assertThat(card).doesNotContain("<html").contains("id=\"attachment-" + dog.id() + "\"").contains("is-labeled");
		assertThat(badges(card)).as("parents after the labels they generalise, unless those are less sure")
			.containsExactly("Dog", "Pet", "Malamute", "Grass");
		assertThat(card).contains(">98%<").as("confidence rounded down").doesNotContain(">99%<");
		assertThat(card).as("a badge leads to the filtered list, not the top of the page").contains("href=\"/?label=Dog#tasks\"").contains(">+3 more<");
		assertThat(card).contains("src=\"" + base(dog) + "/thumbnail\"").contains("href=\"" + base(dog) + "/view\"");
		assertThat(card).doesNotContain("Detecting labels");
	}

	@Test
	void whileLabelingTheCardSaysSoInALiveRegion() throws Exception {
		Attachment uploaded = images.upload(alice.id(), task.id(), "cat.png", 40, 30);

		String card = html(get(cardPath(uploaded)).session(alice.session()));

		// Detecting, unless the worker already found the models missing and labeling waits for them.
		assertThat(card).contains("role=\"status\"").containsAnyOf("Detecting labels…",
				"Labeling is paused: the server is missing");
		assertThat(card).doesNotContain("label-badge");
	}

	@Test
	void failedImageShowsTheReasonAndRetryLabelsItAgain() throws Exception {
		Attachment uploaded = images.upload(alice.id(), task.id(), "blurry.png", 40, 30);
		assertThat(labelImage.fail(uploaded.id(), uploaded.version(), "the model " + HOSTILE + " is missing")).isTrue();

		String failed = html(get(cardPath(uploaded)).session(alice.session()));
		assertThat(failed).contains("is-failed")
			.contains("Labeling failed: the model &lt;script&gt;alert(1)&lt;/script&gt; is missing")
			.contains("action=\"" + base(uploaded) + "/retry\"")
			.doesNotContain(HOSTILE);

		String retried = mvc.perform(post(base(uploaded) + "/retry").session(alice.session()).with(csrf())
			.header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(retried).containsAnyOf("Detecting labels…", "Labeling is paused").doesNotContain("Labeling failed");
		assertThat(attachmentService.get(alice.id(), task.id(), uploaded.id()).status())
			.isIn(AttachmentStatus.UPLOADED, AttachmentStatus.LABELING, AttachmentStatus.PENDING_MODEL);

		String again = mvc.perform(post(base(uploaded) + "/retry").session(alice.session()).with(csrf()))
			.andExpect(redirectedUrl("/#task-" + task.id()))
			.andReturn().getResponse().getContentAsString();
		assertThat(again).as("a second Retry while labeling is no error").isEmpty();
	}

	@Test
	void viewerDrawsEachBoxInImagePixelsAndListsLabelsAndText() throws Exception {
		Attachment street = images.label(images.upload(alice.id(), task.id(), "street.png", 200, 100),
				detection(List.of(boxed("Car", 91.0, new BoundingBox(0.25, 0.5, 0.5, 0.25)),
						label("Vehicle", 91.0, "Transportation")), List.of(line("STOP"), line("Main St"))));

		String dialog = html(get(base(street) + "/view").session(alice.session()).header("HX-Request", "true"));

		assertThat(dialog).doesNotContain("<html").contains("data-title=\"street.png\"");
		assertThat(dialog).contains("viewBox=\"0 0 200 100\"")
			.contains("<rect x=\"50.0\" y=\"50.0\" width=\"100.0\" height=\"25.0\"></rect>")
			.contains(">Car 91%</text>");
		assertThat(dialog).contains("src=\"" + base(street) + "/content\"").contains("width=\"200\"");
		assertThat(dialog).contains(">Vehicle<").contains("in Transportation")
			.contains("— 1 found, its box 91%");
		assertThat(dialog).contains(">STOP<").contains(">Main St<");
		assertThat(dialog).doesNotContain("style=");

		String page = html(get(base(street) + "/view").session(alice.session()));
		assertThat(page).contains("<html").contains("<h1 class=\"viewer-heading\">street.png</h1>")
			.contains("href=\"/#task-" + task.id() + "\"").contains("viewBox=\"0 0 200 100\"");
	}

	@Test
	void labelsTextAndFileNamesReachThePageAsTextNeverAsMarkup() throws Exception {
		String name = "<img src=x onerror=alert(2)>.png";
		Attachment hostile = images.label(images.upload(alice.id(), task.id(), name, 60, 40),
				detection(List.of(boxed(HOSTILE, 90.0, new BoundingBox(0, 0, 1, 1)), label("Dog", 80.0, "\"><b>x</b>")),
						List.of(line("</text><script>alert(3)</script>"))));

		String card = html(get(cardPath(hostile)).session(alice.session()));
		String view = html(get(base(hostile) + "/view").session(alice.session()).header("HX-Request", "true"));
		String list = html(get("/").session(alice.session()));

		for (String html : List.of(card, view, list)) {
			assertThat(html).doesNotContain(HOSTILE).doesNotContain("<img src=x").doesNotContain("<b>x</b>")
				.doesNotContain("<script>alert(3)");
		}
		assertThat(card).contains("&lt;img src=x onerror=alert(2)&gt;.png")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.contains("href=\"/?label=%3Cscript%3Ealert(1)%3C/script%3E#tasks\"");
		assertThat(view).contains("&lt;/text&gt;&lt;script&gt;alert(3)&lt;/script&gt;")
			.contains("in &quot;&gt;&lt;b&gt;x&lt;/b&gt;");
	}

	@Test
	void anotherUsersImageIsNotFoundAndStaysAsItWas() throws Exception {
		Attachment dog = images.uploadAndLabel(alice.id(), task.id(), "dog.png",
				detection(List.of(label("Dog", 95)), List.of()));
		SignedInUser bob = SignedInUser.signUp(mvc);

		for (RequestBuilder request : List.of(get(cardPath(dog)).session(bob.session()),
				get(base(dog) + "/view").session(bob.session()),
				get(base(dog) + "/view").session(bob.session()).header("HX-Request", "true"),
				get(base(dog) + "/delete").session(bob.session()),
				get("/tasks/" + task.id() + "/attachments/cards").session(bob.session()),
				post(base(dog) + "/retry").session(bob.session()).with(csrf()),
				post(base(dog) + "/delete").session(bob.session()).with(csrf()),
				post(base(dog) + "/delete").session(bob.session()).with(csrf()).header("HX-Request", "true"))) {
			String body = mvc.perform(request).andExpect(status().isNotFound()).andReturn().getResponse()
				.getContentAsString();
			assertThat(body).doesNotContain("dog.png").doesNotContain("Walk the dog");
		}

		Attachment unchanged = attachmentService.get(alice.id(), task.id(), dog.id());
		assertThat(unchanged.status()).isEqualTo(AttachmentStatus.LABELED);
		assertThat(unchanged.version()).isEqualTo(dog.version());
		assertThat(html(get(cardPath(dog)).session(alice.session()))).contains(">Dog<");
	}

	@Test
	void deleteWithoutJavaScriptAsksOnAPageOfItsOwnThenDeletes() throws Exception {
		Attachment dog = images.upload(alice.id(), task.id(), "dog.png", 40, 30);

		String confirm = html(get(base(dog) + "/delete").session(alice.session()));
		assertThat(confirm).contains("Delete this image?").contains(">dog.png<")
			.contains("action=\"" + base(dog) + "/delete\"");

		mvc.perform(post(base(dog) + "/delete").session(alice.session()).with(csrf()))
			.andExpect(redirectedUrl("/#task-" + task.id()))
			.andExpect(flash().attribute("message", "Image deleted."));
		assertThat(attachmentService.list(alice.id(), task.id())).isEmpty();
		mvc.perform(get(cardPath(dog)).session(alice.session())).andExpect(status().isNotFound());
	}

	@Test
	void htmxDeleteAnswersNothingSoTheCardGoesAndSaysWhatHappened() throws Exception {
		Attachment dog = images.upload(alice.id(), task.id(), "dog.png", 40, 30);

		String body = mvc.perform(post(base(dog) + "/delete").session(alice.session()).with(csrf())
			.header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(header().string("HX-Trigger", "{\"tasklens:message\":\"Image deleted.\"}"))
			.andReturn().getResponse().getContentAsString();

		assertThat(body).isBlank();
		assertThat(attachmentService.list(alice.id(), task.id())).isEmpty();
	}

	@Test
	void myTasksShowsImagesWithTheirLabelsOnLoadAndFiltersByLabelOrParent() throws Exception {
		images.uploadAndLabel(alice.id(), task.id(), "dog.png",
				detection(List.of(label("Dog", 97, "Canine", "Mammal", "Animal")), List.of()));
		Task plain = tasks.create(alice.id(), "Buy milk", "", null);

		String all = html(get("/").session(alice.session()));
		assertThat(all).contains("id=\"images-" + task.id() + "\"").contains(">Dog<").contains("is-labeled")
			.contains("data-max-bytes=\"15728640\"").contains("up to 15 MB")
			.contains("action=\"/tasks/" + task.id() + "/attachments/upload\"").contains("enctype=\"multipart/form-data\"");

		String animals = html(get("/").param("label", "animal").session(alice.session()));
		assertThat(animals).contains("id=\"task-" + task.id() + "\"").doesNotContain("id=\"task-" + plain.id() + "\"")
			.contains("Tasks with images of").contains("value=\"animal\"");

		String fragment = html(get("/").param("label", "DOG").session(alice.session()).header("HX-Request", "true"));
		assertThat(fragment).doesNotContain("<html").contains("id=\"task-" + task.id() + "\"")
			.doesNotContain("id=\"task-" + plain.id() + "\"");

		String none = html(get("/").param("label", "giraffe").session(alice.session()));
		assertThat(none).doesNotContain("id=\"task-" + task.id()).doesNotContain("id=\"task-" + plain.id())
			.contains("No tasks match.");
	}

	@Test
	void cardsOfATaskComeAsOneListForRefreshingThePage() throws Exception {
		Attachment first = images.upload(alice.id(), task.id(), "one.png", 40, 30);
		Attachment second = images.uploadAndLabel(alice.id(), task.id(), "two.png",
				detection(List.of(label("Cup", 88)), List.of()));

		String list = html(get("/tasks/" + task.id() + "/attachments/cards").session(alice.session()));

		assertThat(list).startsWith("<ul class=\"attachment-list\" id=\"attachment-list-" + task.id() + "\">");
		assertThat(list.indexOf("attachment-" + first.id())).isPositive()
			.isLessThan(list.indexOf("attachment-" + second.id()));
	}

	private static String base(Attachment attachment) {
		return "/tasks/" + attachment.taskId() + "/attachments/" + attachment.id();
	}

	private static String cardPath(Attachment attachment) {
		return base(attachment) + "/card";
	}

	/** The names on a card's label badges, in order. */
	private static List<String> badges(String html) {
		return java.util.regex.Pattern.compile("<span class=\"label-name\">([^<]*)</span>")
			.matcher(html)
			.results()
			.map(match -> match.group(1))
			.toList();
	}

	private String html(RequestBuilder request) throws Exception {
		return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}
}
