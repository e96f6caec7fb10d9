package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;


import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

import app.tasklens.TestImages;
import app.tasklens.attachment.LabelingRequested;
import app.tasklens.labeling.LabelImage;
import app.tasklens.web.api.ApiClient.User;
import app.tasklens.web.api.EventStream.Event;

/**
 * The labeling pipeline end to end with the real detector: upload → object-created job → labels, seen
 * live over Server-Sent Events; handled once however often the event comes; never bringing a deleted
 * attachment back; unreadable images failing at once; the task list filtered by label.
 */
@ApiIntegrationTest
class LabelingPipelineTest {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@LocalServerPort
	int port;

	@Value("${tasklens.data-dir}")
	Path dataDir;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LabelImage labelImage;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	private ApiClient api;
	private ImageUploads uploads;
	private User alice;
	private String task;

	@BeforeEach
	void aliceHasATask() {
		api = new ApiClient(port);
		uploads = new ImageUploads(api, port);
		alice = api.signUp("alice-" + System.nanoTime());
		task = api.createTask(alice, "Walk the dog").path("id").asString();
	}

	@Test
	void theLabelsArriveLiveOverServerSentEvents() throws Exception {
		try (EventStream stream = events(alice, null)) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.contentType()).startsWith("text/event-stream");

			String id = uploads.attach(alice, task, "dog.jpg", "image/jpeg", TestImages.darknet("dog.jpg")).path("id")
				.asString();

			Event uploaded = stream.next("status", WAIT);
			assertThat(uploaded.json().path("attachmentId").asString()).isEqualTo(id);
			assertThat(uploaded.json().path("taskId").asString()).isEqualTo(task);
			assertThat(uploaded.json().path("status").asString()).isEqualTo("UPLOADED");
			assertThat(stream.next("status", WAIT).json().path("status").asString()).isEqualTo("LABELING");
			Event labels = stream.next("labels", WAIT);
			assertThat(labels.json().path("status").asString()).isEqualTo("LABELED");
			assertThat(labels.json().path("attachmentId").asString()).isEqualTo(id);
			List<String> names = new ArrayList<>();
			labels.json().path("labels").forEach(label -> names.add(label.path("name").asString()));
			assertThat(names).contains("Dog");
			assertThat(labels.id()).isNotBlank();
		}
	}

	@Test
	void aReconnectWithLastEventIdGetsWhatItMissed() throws Exception {
		String lastSeen;
		String id;
		try (EventStream stream = events(alice, null)) {
			id = uploads.attach(alice, task, "a.png", "image/png", TestImages.png(64, 48)).path("id").asString();
			lastSeen = stream.next("status", WAIT).id();
		}
		uploads.awaitStatus(alice, task, id, Set.of("LABELED", "FAILED"), WAIT);

		try (EventStream again = events(alice, lastSeen)) {
			Event missed = again.next("status", WAIT);
			assertThat(missed.json().path("status").asString()).isEqualTo("LABELING");
			assertThat(again.next("labels", WAIT).json().path("attachmentId").asString()).isEqualTo(id);
		}
		try (EventStream unknown = events(alice, "some-earlier-server-run-17")) {
			assertThat(unknown.next("reset", WAIT)).isNotNull();
		}
	}

	@Test
	void eventIdsTellAUserNothingOfOtherUsersActivity() throws Exception {
		User bob = api.signUp("bob-" + System.nanoTime());
		String bobsTask = api.createTask(bob, "Bob's").path("id").asString();
		for (int i = 0; i < 3; i++) {
			String image = uploads.attach(bob, bobsTask, "b.png", "image/png", TestImages.png(64, 48)).path("id")
				.asString();
			uploads.awaitStatus(bob, bobsTask, image, Set.of("LABELED", "FAILED"), WAIT);
		}
		try (EventStream stream = events(alice, null)) {
			uploads.attach(alice, task, "a.png", "image/png", TestImages.png(64, 48));
			String first = stream.next("status", WAIT).id();
			// Bob's nine or more events before it do not count in Alice's ids.
			assertThat(Long.parseLong(first.substring(first.lastIndexOf('-') + 1))).isLessThanOrEqualTo(3);
		}
	}

	@Test
	void eventsGoOnlyToTheirUser() throws Exception {
		User bob = api.signUp("bob-" + System.nanoTime());
		try (EventStream bobs = events(bob, null)) {
			String id = uploads.attach(alice, task, "a.png", "image/png", TestImages.png(64, 48)).path("id").asString();
			uploads.awaitStatus(alice, task, id, Set.of("LABELED", "FAILED"), WAIT);

			assertThat(bobs.next(Duration.ofMillis(300))).isNull();
		}
	}

	@Test
	void theEventStreamNeedsAToken() throws Exception {
		try (EventStream anonymous = EventStream.open(URI.create("http://localhost:" + port + "/api/events"), Map.of())) {
			assertThat(anonymous.status()).isEqualTo(401);
		}
	}

	@Test
	void theSameObjectCreatedEventTwiceGivesOneLabelSet() throws Exception {
		String id = labeledDog();
		String before = labelRow(id);
		List<String> termsBefore = terms(id);

		transactions.executeWithoutResult(status -> events.publishEvent(new LabelingRequested(alice.id(), task, id, 1)));
		awaitNoJobs();

		assertThat(labelRow(id)).isEqualTo(before);
		assertThat(terms(id)).isEqualTo(termsBefore);
		assertThat(uploads.get(alice, task, id).path("status").asString()).isEqualTo("LABELED");
		assertThat(labelImage.label(id, 1)).isEqualTo(LabelImage.Outcome.SKIPPED);
		assertThat(labelRow(id)).isEqualTo(before);
	}

	@Test
	void twoWorkersOnTheSameImageAtOnceLeaveOneLabelSet() throws Exception {
		String id = labeledDog();
		api.post(ImageUploads.path(task, id) + "/relabel").as(alice).send().expect(202);

		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<LabelImage.Outcome> first = pool.submit(() -> labelImage.label(id, 2));
			Future<LabelImage.Outcome> second = pool.submit(() -> labelImage.label(id, 2));
			List<LabelImage.Outcome> outcomes = List.of(first.get(), second.get());
			assertThat(outcomes).doesNotContain(LabelImage.Outcome.FAILED);
			assertThat(outcomes.stream().filter(LabelImage.Outcome.LABELED::equals).count()).isLessThanOrEqualTo(1);
		}
		finally {
			pool.shutdown();
		}
		awaitNoJobs();

		assertThat(uploads.get(alice, task, id).path("status").asString()).isEqualTo("LABELED");
		assertThat(count("SELECT COUNT(*) FROM attachment_labels WHERE attachment_id = ? AND version = 2", id)).isEqualTo(1);
	}

	@Test
	void relabelingRunsAgainAsANewVersion() throws Exception {
		String id = labeledDog();

		JsonNode relabeled = api.post(ImageUploads.path(task, id) + "/relabel").as(alice).send().expect(202).json();

		assertThat(relabeled.path("status").asString()).isEqualTo("UPLOADED");
		JsonNode labeled = uploads.awaitLabels(alice, task, id);
		assertThat(ImageUploads.labelNames(labeled)).contains("Dog");
		assertThat(count("SELECT COUNT(*) FROM attachment_labels WHERE attachment_id = ?", id)).isEqualTo(1);
		assertThat(count("SELECT version FROM attachment_labels WHERE attachment_id = ?", id)).isEqualTo(2);
	}

	@Test
	void anEventForADeletedAttachmentIsDroppedAndBringsNothingBack() throws Exception {
		String id = labeledDog();
		api.delete(ImageUploads.path(task, id)).as(alice).send().expect(204);

		assertThat(labelImage.label(id, 1)).isEqualTo(LabelImage.Outcome.SKIPPED);
		assertThat(labelImage.fail(id, 1, "late failure")).isFalse();

		assertThat(count("SELECT COUNT(*) FROM attachments WHERE id = ?", id)).isZero();
		assertThat(count("SELECT COUNT(*) FROM attachment_labels WHERE attachment_id = ?", id)).isZero();
		awaitNoFilesIn(dataDir.resolve("objects").resolve(alice.id()).resolve(task));
	}

	@Test
	void anUnreadableImageFailsAtOnceWithAReason() throws Exception {
		try (EventStream stream = events(alice, null)) {
			String id = uploads.attach(alice, task, "broken.png", "image/png", TestImages.pngWithGarbagePixels(32, 32))
				.path("id").asString();

			JsonNode failed = uploads.awaitStatus(alice, task, id, Set.of("LABELED", "FAILED"), WAIT);

			assertThat(failed.path("status").asString()).isEqualTo("FAILED");
			assertThat(failed.path("error").asString()).startsWith("the image cannot be read");
			List<String> statuses = new ArrayList<>();
			for (Event event = stream.next(Duration.ofSeconds(1)); event != null; event = stream.next(Duration.ofMillis(500))) {
				statuses.add(event.json().path("status").asString());
			}
			assertThat(statuses).as("one try, no retry").containsExactly("UPLOADED", "LABELING", "FAILED");
		}
	}

	@Test
	void theTaskListFindsTheTaskWithTheDogByAParentLabel() throws Exception {
		String other = api.createTask(alice, "Paint the fence").path("id").asString();
		uploads.attach(alice, other, "a.png", "image/png", TestImages.png(64, 48));
		labeledDog();

		assertThat(titles("animal")).containsExactly("Walk the dog");
		assertThat(titles("Dog")).containsExactly("Walk the dog");
		assertThat(titles("giraffe")).isEmpty();

		api.deleteTask(alice, task);
		assertThat(titles("animal")).isEmpty();
		awaitNoFilesIn(dataDir.resolve("objects").resolve(alice.id()).resolve(task));
	}

	/** Uploads darknet's dog and waits for its labels; the attachment id. */
	private String labeledDog() {
		String id = uploads.attach(alice, task, "dog.jpg", "image/jpeg", TestImages.darknet("dog.jpg")).path("id")
			.asString();
		assertThat(ImageUploads.labelNames(uploads.awaitLabels(alice, task, id))).contains("Dog");
		return id;
	}

	private EventStream events(User user, String lastEventId) throws Exception {
		Map<String, String> headers = lastEventId == null ? Map.of("Authorization", "Bearer " + user.token())
				: Map.of("Authorization", "Bearer " + user.token(), "Last-Event-ID", lastEventId);
		return EventStream.open(URI.create("http://localhost:" + port + "/api/events"), headers);
	}

	private List<String> titles(String label) {
		return api.allTasks(alice, "label=" + label).stream().map(found -> found.path("title").asString()).toList();
	}

	private String labelRow(String id) {
		return jdbc.sql("SELECT version || ' ' || labeled_at || ' ' || detection FROM attachment_labels"
				+ " WHERE attachment_id = ?").param(id).query(String.class).single();
	}

	private List<String> terms(String id) {
		return jdbc.sql("SELECT term FROM attachment_label_terms WHERE attachment_id = ? ORDER BY term").param(id)
			.query(String.class).list();
	}

	private long count(String sql, String id) {
		return jdbc.sql(sql).param(id).query(Long.class).single();
	}

	/** Alice's labeling jobs are all done (other tests' users may still have some). */
	private void awaitNoJobs() {
		await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.sql("""
				SELECT COUNT(*) FROM labeling_jobs j JOIN attachments a ON a.id = j.attachment_id
				WHERE a.owner_id = ?""").param(alice.id()).query(Long.class).single()).as("labeling jobs left").isZero());
	}

	/** The sweeper removes the files, then their folders, right after the delete commits. */
	private static void awaitNoFilesIn(Path folder) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(folder).doesNotExist());
	}
}
