package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiClient.Response;
import app.tasklens.web.api.ApiClient.User;

/**
 * The user's last word on an image's labels, over real HTTP with real labeling: a wrong label removed and
 * one added by hand are what the image shows, filters and search find, and the event stream tells; labeling
 * again keeps them; bad names, other users and images without labels are refused with problems.
 */
@ApiIntegrationTest
class LabelEditsApiTest {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@LocalServerPort
	int port;

	private ApiClient api;
	private ImageUploads uploads;
	private User alice;
	private String task;
	private String image;

	@BeforeEach
	void aliceHasALabeledPhotoOfADog() {
		api = new ApiClient(port);
		uploads = new ImageUploads(api, port);
		alice = api.signUp(ApiClient.unique("alice"));
		task = api.createTask(alice, "Morning walk").path("id").asString();
		image = uploads.attach(alice, task, "dog.jpg", "image/jpeg", TestImages.darknet("dog.jpg")).path("id").asString();
		assertThat(ImageUploads.labelNames(uploads.awaitLabels(alice, task, image))).contains("Dog");
	}

	@Test
	void aRemovedAndAnAddedLabelAreWhatTheImageShowsFiltersAndSearchFindAndARelabelKeepsThem() throws Exception {
		assertThat(titles("q=dogs")).as("search finds a label in a simple word form").containsExactly("Morning walk");

		Response added;
		JsonNode removed;
		try (EventStream events = events()) {
			added = api.post(labels()).as(alice).json(Map.of("name", "  Rex  ")).send().expect(201);
			JsonNode event = labelsEvent(events, labels -> labels.contains("Rex"));
			assertThat(event.path("attachmentId").asString()).isEqualTo(image);
			assertThat(label(event, "Rex").path("addedByUser").asBoolean()).isTrue();

			removed = api.delete(labels() + "/dog").as(alice).send().expect(200).json();
			assertThat(names(labelsEvent(events, labels -> !labels.contains("Dog")))).contains("Rex");
		}

		assertThat(added.header("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/labels/Rex"));
		JsonNode rex = label(added.json(), "Rex");
		assertThat(rex.path("confidence").asDouble()).isEqualTo(100);
		assertThat(rex.path("addedByUser").asBoolean()).isTrue();
		assertThat(label(added.json(), "Dog").path("addedByUser").asBoolean()).isFalse();
		assertThat(names(removed)).contains("Rex").doesNotContain("Dog");
		removed.path("labels").forEach(label -> assertThat(label.path("parents").toString())
			.as("a kind of dog goes with it").doesNotContain("\"Dog\""));
		assertThat(removed.path("removedLabels").toString()).isEqualTo("[\"Dog\"]");
		assertThat(names(uploads.get(alice, task, image))).isEqualTo(names(removed));

		assertThat(titles("label=dog")).isEmpty();
		assertThat(titles("q=dogs")).isEmpty();
		assertThat(titles("label=rex")).containsExactly("Morning walk");
		assertThat(titles("q=rex")).containsExactly("Morning walk");

		api.post(ImageUploads.path(task, image) + "/relabel").as(alice).send().expect(202);
		JsonNode relabeled = uploads.awaitStatus(alice, task, image, Set.of("LABELED", "FAILED"), WAIT);
		assertThat(relabeled.path("status").asString()).isEqualTo("LABELED");
		assertThat(names(relabeled)).contains("Rex").doesNotContain("Dog");
		assertThat(label(relabeled, "Rex").path("addedByUser").asBoolean()).isTrue();
		assertThat(titles("label=dog")).isEmpty();
		assertThat(titles("label=rex")).containsExactly("Morning walk");
	}

	@Test
	void theLabelFilterSuggestsTheUsersLabelsWithCounts() {
		api.post(labels()).as(alice).json(Map.of("name", "Rex")).send().expect(201);
		User bob = api.signUp(ApiClient.unique("bob"));

		JsonNode suggestions = api.get("/api/labels?prefix=RE").as(alice).send().expect(200).json();
		JsonNode dogs = api.get("/api/labels?prefix=do&limit=1").as(alice).send().expect(200).json();

		assertThat(suggestions.path("items").toString()).contains("{\"name\":\"Rex\",\"images\":1,\"tasks\":1}");
		assertThat(dogs.path("items")).hasSize(1);
		assertThat(dogs.path("items").get(0).path("name").asString()).isEqualTo("Dog");
		assertThat(api.get("/api/labels?prefix=re").as(bob).send().expect(200).json().path("items")).isEmpty();
		assertThat(api.get("/api/labels?limit=0").as(alice).send().expect(400).errorFields()).containsExactly("limit");
	}

	@Test
	void namesThatBreakARuleAreProblemsAndChangeNothing() {
		for (String bad : new String[] { "", "   ", "x".repeat(101), "bell\u0007", "two\nlines" }) {
			Response response = api.post(labels()).as(alice).json(Map.of("name", bad)).send().expect(422);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.errorFields()).containsExactly("name");
		}
		api.post(labels()).as(alice).body("application/json", "{\"name\": [\"Rex\"]}").send().expect(422);
		api.post(labels()).as(alice).body("application/json", "not json").send().expect(400);

		Response duplicate = api.post(labels()).as(alice).json(Map.of("name", "DOG")).send().expect(409);
		assertThat(duplicate.errorFields()).containsExactly("name");
		assertThat(duplicate.json().path("detail").asString()).contains("Dog");
		api.delete(labels() + "/Unicorn").as(alice).send().expect(404);

		assertThat(uploads.get(alice, task, image).path("removedLabels")).isEmpty();
		assertThat(names(uploads.get(alice, task, image))).doesNotContain("", "Unicorn");
	}

	@Test
	void anotherUsersImageIsNotFoundLikeAMissingOneAndAnImageWithoutLabelsTakesNone() {
		User bob = api.signUp(ApiClient.unique("bob"));
		String missing = labels().replace(image, "AAAAAAAAAAAAAAAAAAAAAA");

		Response bobs = api.post(labels()).as(bob).json(Map.of("name", "Mine")).send().expect(404);
		Response none = api.post(missing).as(alice).json(Map.of("name", "Mine")).send().expect(404);
		api.delete(labels() + "/Dog").as(bob).send().expect(404);

		assertThat(bobs.json().path("detail")).isEqualTo(none.json().path("detail"));
		assertThat(names(uploads.get(alice, task, image))).contains("Dog").doesNotContain("Mine");
		String pending = uploads.request(alice, task, "later.jpg", "image/jpeg", 100L).expect(201).json()
			.path("attachment").path("id").asString();
		api.post(ImageUploads.path(task, pending) + "/labels").as(alice).json(Map.of("name", "Mine")).send().expect(409);
	}

	@Test
	void aNameTheLabelerKnowsTakesItsPlaceInTheHierarchyAndTheFilterFindsItByAParent() {
		api.delete(labels() + "/Animal").as(alice).send().expect(200);
		assertThat(titles("label=mammal")).isEmpty();

		JsonNode added = api.post(labels()).as(alice).json(Map.of("name", "golden retriever")).send().expect(201).json();

		JsonNode retriever = label(added, "Golden Retriever");
		assertThat(retriever.path("addedByUser").asBoolean()).isTrue();
		assertThat(retriever.path("parents").toString()).contains("\"Dog\"", "\"Mammal\"", "\"Animal\"");
		assertThat(titles("label=mammal")).containsExactly("Morning walk");
		assertThat(titles("q=canines")).containsExactly("Morning walk");
	}

	@Test
	void aNameWithASlashIsRemovedThroughTheQuery() {
		api.post(labels()).as(alice).json(Map.of("name", "AC/DC")).send().expect(201);

		JsonNode after = api.delete(labels() + "?name=AC/DC").as(alice).send().expect(200).json();

		assertThat(names(after)).doesNotContain("AC/DC");
	}

	private String labels() {
		return ImageUploads.path(task, image) + "/labels";
	}

	private EventStream events() throws Exception {
		return EventStream.open(URI.create("http://localhost:" + port + "/api/events"),
				Map.of("Authorization", "Bearer " + alice.token()));
	}

	private List<String> titles(String query) {
		return api.allTasks(alice, query).stream().map(found -> found.path("title").asString()).toList();
	}

	/**
	 * The first {@code labels} event whose label names pass {@code test}. The stream opens just after the image
	 * was labeled, so the labeling's own event may still come first: it is passed over, and a wrong event
	 * after the edit fails as a timeout naming what came.
	 */
	private static JsonNode labelsEvent(EventStream events, java.util.function.Predicate<List<String>> test)
			throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		List<List<String>> seen = new ArrayList<>();
		while (System.nanoTime() < deadline) {
			JsonNode event = events.next("labels", Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))).json();
			if (test.test(names(event))) {
				return event;
			}
			seen.add(names(event));
		}
		throw new AssertionError("no fitting labels event within " + WAIT + "; came " + seen);
	}

	private static List<String> names(JsonNode attachment) {
		List<String> names = new ArrayList<>();
		attachment.path("labels").forEach(label -> names.add(label.path("name").asString()));
		return names;
	}

	private static JsonNode label(JsonNode attachment, String name) {
		for (JsonNode label : attachment.path("labels")) {
			if (label.path("name").asString().equals(name)) {
				return label;
			}
		}
		throw new AssertionError("no label " + name + " in " + attachment.path("labels"));
	}
}
