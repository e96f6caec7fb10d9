package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiClient.User;

/**
 * {@code GET /api/images} over real HTTP with real labeling: all of a user's images across tasks, newest first,
 * by cursor, filtered by label and searched with the task list's {@code q}; another user's never appear, and
 * their cursors do not open.
 */
@ApiIntegrationTest
class ImageApiTest {

	@LocalServerPort
	int port;

	@Test
	void aUsersImagesAcrossTasksAreListedNewestFirstFilteredSearchedAndPagedAndNoOneElsesAppear() {
		ApiClient api = new ApiClient(port);
		ImageUploads uploads = new ImageUploads(api, port);
		User alice = api.signUp(ApiClient.unique("alice"));
		User bob = api.signUp(ApiClient.unique("bob"));
		String dog = uploads.labeledDogPhoto(alice);
		String ride = api.createTask(alice, "Riding lesson").path("id").asString();
		String horses = uploads.attach(alice, ride, "horses.jpg", "image/jpeg", TestImages.darknet("horses.jpg"))
			.path("id").asString();
		uploads.awaitLabels(alice, ride, horses);
		String bobs = uploads.labeledDogPhoto(bob);

		JsonNode all = images(api, alice, "");
		assertThat(ids(all)).as("newest first, across tasks").containsExactly(horses, dog);
		assertThat(all.path("items").get(0).path("taskId").asString()).isEqualTo(ride);
		assertThat(all.path("items").get(0).path("links").path("thumbnail").asString())
			.isEqualTo("/api/tasks/" + ride + "/attachments/" + horses + "/thumbnail");
		assertThat(all.path("nextCursor").isNull()).isTrue();
		assertThat(ids(images(api, alice, "label=dog"))).as("a label").containsExactly(dog);
		assertThat(ids(images(api, alice, "label=animal"))).as("a parent of one").containsExactly(horses, dog);
		assertThat(ids(images(api, alice, "q=horses"))).as("a label in a simple word form").containsExactly(horses);
		assertThat(ids(images(api, alice, "q=riding"))).as("its task's title").containsExactly(horses);
		assertThat(ids(images(api, alice, "q=zebra"))).isEmpty();

		JsonNode first = images(api, alice, "limit=1");
		assertThat(ids(first)).containsExactly(horses);
		String cursor = URLEncoder.encode(first.path("nextCursor").asString(), StandardCharsets.UTF_8);
		JsonNode second = images(api, alice, "limit=1&cursor=" + cursor);
		assertThat(ids(second)).containsExactly(dog);
		assertThat(second.path("nextCursor").isNull()).isTrue();

		assertThat(ids(images(api, bob, ""))).as("bob's own only").containsExactly(bobs);
		api.get("/api/images?limit=1&cursor=" + cursor).as(bob).send().expect(400);
		String taskCursor = api.get("/api/tasks?limit=1").as(alice).send().expect(200).json().path("nextCursor").asString();
		api.get("/api/images?cursor=" + URLEncoder.encode(taskCursor, StandardCharsets.UTF_8)).as(alice).send()
			.expect(400);
		api.get("/api/images").send().expect(401);
	}

	private static JsonNode images(ApiClient api, User user, String query) {
		return api.get("/api/images?" + query).as(user).send().expect(200).json();
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.path("items").forEach(item -> ids.add(item.path("id").asString()));
		return ids;
	}
}
