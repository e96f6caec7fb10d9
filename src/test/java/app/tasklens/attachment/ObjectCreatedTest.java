package app.tasklens.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import app.tasklens.Ids;
import app.tasklens.MutableClock;
import app.tasklens.TestImages;
import app.tasklens.account.AccountService;
import app.tasklens.task.TaskService;
import app.tasklens.web.api.ApiIntegrationTest;

/**
 * {@code objectCreated(key, size)}, the one way to UPLOADED, on the real database and file store, with
 * objects put straight into the store the way a client puts them into a bucket (no check on the way):
 * an acceptable image is UPLOADED with one labeling job; anything else is REJECTED with its reason and
 * the object deleted; a late or repeated notice changes nothing and never makes a row; the completion
 * call and the sweep give the same notice when nobody else did. Labeling is not what this is about: the
 * workers are stopped, so the jobs stay queued where the tests count them; the sweeper's own thread is
 * stopped too, the tests sweep when they mean to. The clock moves by hand.
 */
@SpringBootTest(properties = "tasklens.vision.fetch-missing=false")
@ContextConfiguration(initializers = ApiIntegrationTest.FreshDataDir.class)
@Import(MutableClock.AsApplicationClock.class)
@DirtiesContext
class ObjectCreatedTest {

	@Autowired
	AttachmentUploads uploads;

	@Autowired
	AttachmentService attachments;

	@Autowired
	ObjectSweeper sweeper;

	@Autowired
	ObjectStore store;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	private String owner;
	private String task;

	@BeforeAll
	static void onlyTheTestsSweepAndNobodyLabels(@Autowired ApplicationContext context) {
		context.getBean("labelingWorker", SmartLifecycle.class).stop();
		context.getBean("objectSweeper", SmartLifecycle.class).stop();
	}

	@BeforeEach
	void aUserWithATask(@Autowired AccountService accounts, @Autowired TaskService tasks) {
		owner = accounts.signUp("user-" + System.nanoTime(), "correct horse battery").id();
		task = tasks.create(owner, "Walk the dog", "", null).id();
	}

	@Test
	void anAcceptableImageIsUploadedWithOneLabelingJob() throws IOException {
		byte[] png = TestImages.png(40, 30);
		Attachment pending = request("dog.png", "image/png", (long) png.length);
		put(pending, png);

		Attachment uploaded = uploads.objectCreated(pending.objectKey(), png.length).orElseThrow();

		assertThat(uploaded.status()).isEqualTo(AttachmentStatus.UPLOADED);
		assertThat(uploaded.version()).isEqualTo(1);
		assertThat(uploaded.size()).isEqualTo(png.length);
		assertThat(uploaded.width()).isEqualTo(40);
		assertThat(jobs(pending)).containsExactly(1);
		assertThat(store.size(pending.objectKey())).contains((long) png.length);
	}

	@Test
	void bytesThatAreNoImageAreRejectedWithTheReasonAndDeleted() throws IOException {
		Attachment pending = request("notes.png", "image/png", null);
		byte[] text = "not a picture".getBytes();
		put(pending, text);

		Attachment rejected = uploads.objectCreated(pending.objectKey(), text.length).orElseThrow();

		assertThat(rejected.status()).isEqualTo(AttachmentStatus.REJECTED);
		assertThat(rejected.error()).isEqualTo("the file is not a JPEG, PNG or WebP image");
		assertThat(stored(pending).error()).isEqualTo(rejected.error());
		assertThat(store.size(pending.objectKey())).isEmpty();
		assertThat(deletionsRecorded()).doesNotContain(pending.objectKey());
		assertThat(jobs(pending)).isEmpty();
	}

	@Test
	void everyCheckOfTheUploadRejects() throws IOException {
		byte[] png = TestImages.png(40, 30);
		assertThat(rejection("x.png", "image/png", (long) png.length - 1, png)).contains("larger than " + (png.length - 1));
		assertThat(rejection("x.jpg", "image/jpeg", null, png)).contains("declared as image/jpeg")
			.contains("image/png");
		assertThat(rejection("x.png", "image/png", null, TestImages.pngHeaderOnly(10_001, 10)))
			.contains("10000 pixels a side");
		assertThat(rejection("x.png", "image/png", null, TestImages.pngHeaderOnly(100_000, 100_000)))
			.contains("100000 x 100000");
		assertThat(rejection("x.png", "image/png", null, Arrays.copyOf(png, 20))).contains("cut short");
		assertThat(rejection("x.png", "image/png", null, new byte[0])).contains("empty");
	}

	@Test
	void aRepeatedNoticeChangesNothing() throws IOException {
		byte[] png = TestImages.png(40, 30);
		Attachment pending = request("dog.png", "image/png", null);
		put(pending, png);
		uploads.objectCreated(pending.objectKey(), png.length);
		Attachment first = stored(pending);

		Attachment again = uploads.objectCreated(pending.objectKey(), png.length).orElseThrow();

		assertThat(again.revision()).isEqualTo(first.revision());
		assertThat(stored(pending).revision()).isEqualTo(first.revision());
		assertThat(stored(pending).version()).isEqualTo(1);
		assertThat(jobs(pending)).containsExactly(1);
	}

	@Test
	void aNoticeForADeletedAttachmentMakesNoRowAndRemovesTheLateObject() throws IOException {
		byte[] png = TestImages.png(40, 30);
		Attachment pending = request("dog.png", "image/png", null);
		attachments.delete(owner, task, pending.id());
		put(pending, png);

		assertThat(uploads.objectCreated(pending.objectKey(), png.length)).isEmpty();

		assertThat(count("SELECT COUNT(*) FROM attachments WHERE id = ?", pending.id())).isZero();
		assertThat(count("SELECT COUNT(*) FROM labeling_jobs WHERE attachment_id = ?", pending.id())).isZero();
		assertThat(store.size(pending.objectKey())).isEmpty();
	}

	@Test
	void keysTasklensDoesNotMakeAreLeftAlone() throws IOException {
		Attachment pending = request("dog.png", "image/png", null);
		String foreign = owner + "/" + task + "/holiday.jpg";
		String wrongType = pending.objectKey().replace(".png", ".jpg");
		String strangersKey = Ids.random() + "/" + task + "/" + pending.id() + ".png";

		assertThat(uploads.objectCreated(pending.thumbnailKey(), 10)).isEmpty();
		assertThat(uploads.objectCreated(foreign, 10)).isEmpty();
		assertThat(uploads.objectCreated(wrongType, 10)).isEmpty();
		assertThat(uploads.objectCreated(strangersKey, 10)).isEmpty();

		assertThat(stored(pending).status()).isEqualTo(AttachmentStatus.PENDING_UPLOAD);
		assertThat(stored(pending).revision()).isZero();
	}

	@Test
	void aNoticeForAnObjectThatIsNotThereWaitsForTheRealOne() throws IOException {
		Attachment pending = request("dog.png", "image/png", null);

		assertThat(uploads.objectCreated(pending.objectKey(), 100)).map(Attachment::status)
			.contains(AttachmentStatus.PENDING_UPLOAD);
		assertThat(stored(pending).revision()).isZero();
	}

	@Test
	void theCompletionCallFindsTheObjectInTheStore() throws IOException {
		byte[] png = TestImages.png(40, 30);
		Attachment pending = request("dog.png", "image/png", null);

		assertThatThrownBy(() -> uploads.complete(owner, task, pending.id()))
			.isInstanceOf(UploadNotArrivedException.class);
		put(pending, png);
		assertThat(uploads.complete(owner, task, pending.id()).status()).isEqualTo(AttachmentStatus.UPLOADED);
		assertThat(uploads.complete(owner, task, pending.id()).revision()).as("asked again")
			.isEqualTo(stored(pending).revision());
		assertThatThrownBy(() -> uploads.complete(Ids.random(), task, pending.id()))
			.isInstanceOf(AttachmentNotFoundException.class);
	}

	@Test
	void theSweepFinishesUploadsWhoseCompletionNeverCameAndRemovesAbandonedOnes() throws IOException {
		byte[] png = TestImages.png(40, 30);
		Attachment arrived = request("arrived.png", "image/png", null);
		put(arrived, png);
		Attachment rejected = request("rejected.png", "image/png", null);
		put(rejected, "no image".getBytes());
		Attachment neverSent = request("never.png", "image/png", null);

		sweeper.sweep();

		assertThat(stored(arrived).status()).isEqualTo(AttachmentStatus.UPLOADED);
		assertThat(jobs(arrived)).containsExactly(1);
		assertThat(stored(rejected).status()).isEqualTo(AttachmentStatus.REJECTED);
		assertThat(stored(neverSent).status()).isEqualTo(AttachmentStatus.PENDING_UPLOAD);

		clock.advance(Duration.ofMinutes(29));
		sweeper.sweep();
		assertThat(find(neverSent)).as("expired 14 minutes ago, may still be streaming").isPresent();

		clock.advance(Duration.ofMinutes(2));
		sweeper.sweep();
		assertThat(find(neverSent)).isEmpty();
		assertThat(find(rejected)).isEmpty();
		assertThat(find(arrived)).isPresent();
		assertThat(deletionsRecorded()).doesNotContain(neverSent.objectKey(), rejected.objectKey());
	}

	private String rejection(String filename, String contentType, Long size, byte[] bytes) throws IOException {
		Attachment pending = request(filename, contentType, size);
		put(pending, bytes);
		Attachment rejected = uploads.objectCreated(pending.objectKey(), bytes.length).orElseThrow();
		assertThat(rejected.status()).as(rejected.error()).isEqualTo(AttachmentStatus.REJECTED);
		assertThat(store.size(pending.objectKey())).isEmpty();
		return rejected.error();
	}

	private Attachment request(String filename, String contentType, Long size) {
		return uploads.request(owner, task, filename, contentType, size).attachment();
	}

	/** The bytes in the store under the attachment's key, as a client's upload to a bucket puts them. */
	private void put(Attachment attachment, byte[] bytes) throws IOException {
		store.put(attachment.objectKey(), new ByteArrayInputStream(bytes), bytes.length, attachment.type().mediaType());
	}

	private Attachment stored(Attachment attachment) {
		return find(attachment).orElseThrow();
	}

	private Optional<Attachment> find(Attachment attachment) {
		return attachments.list(owner, task).stream().filter(found -> found.id().equals(attachment.id())).findFirst();
	}

	private List<Integer> jobs(Attachment attachment) {
		return jdbc.sql("SELECT version FROM labeling_jobs WHERE attachment_id = ?").param(attachment.id())
			.query(Integer.class).list();
	}

	private List<String> deletionsRecorded() {
		return jdbc.sql("SELECT object_key FROM object_deletions").query(String.class).list();
	}

	private long count(String sql, String id) {
		return jdbc.sql(sql).param(id).query(Long.class).single();
	}
}
