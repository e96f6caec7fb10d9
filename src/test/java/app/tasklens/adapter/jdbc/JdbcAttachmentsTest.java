package app.tasklens.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentStatus;
import app.tasklens.attachment.ConcurrentAttachmentChangeException;
import app.tasklens.attachment.ImageType;
import app.tasklens.labeling.BoundingBox;
import app.tasklens.labeling.ImageProperties;
import app.tasklens.labeling.Label;
import app.tasklens.labeling.LabelDetection;
import app.tasklens.labeling.TextDetection;
import app.tasklens.task.Task;
import app.tasklens.task.TaskQuery;
import tools.jackson.databind.json.JsonMapper;

class JdbcAttachmentsTest {

	@TempDir
	Path dir;

	private Database db;
	private JdbcAttachmentLabels labels;
	private JdbcTasks tasks;
	private Task task;

	@BeforeEach
	void open() {
		db = new Database(dir);
		labels = new JdbcAttachmentLabels(db.jdbc, JsonMapper.builder().build());
		tasks = new JdbcTasks(db.jdbc);
		task = db.task();
	}

	@AfterEach
	void close() {
		db.close();
	}

	@Test
	void anAttachmentReadsBackAsItWasSaved() {
		Attachment attachment = db.uploadedAttachment(task);

		Attachment read = db.attachments.find(task.ownerId(), task.id(), attachment.id()).orElseThrow();

		assertThat(read.status()).isEqualTo(AttachmentStatus.UPLOADED);
		assertThat(read.type()).isEqualTo(ImageType.JPEG);
		assertThat(read.version()).isEqualTo(1);
		assertThat(read.width()).isEqualTo(4);
		assertThat(read.uploadExpiresAt()).isNotNull();
		assertThat(db.attachments.find("someone-else", task.id(), attachment.id())).isEmpty();
	}

	@Test
	void savingOverANewerStateIsRefused() {
		Attachment attachment = db.uploadedAttachment(task);
		Attachment first = db.attachments.findById(attachment.id()).orElseThrow();
		Attachment second = db.attachments.findById(attachment.id()).orElseThrow();
		first.startLabeling(Instant.now());
		db.attachments.update(first);

		second.failed("late", Instant.now());

		assertThatThrownBy(() -> db.attachments.update(second)).isInstanceOf(ConcurrentAttachmentChangeException.class);
		assertThat(db.attachments.findById(attachment.id()).orElseThrow().status()).isEqualTo(AttachmentStatus.LABELING);
	}

	@Test
	void labelsRoundTripWithBoxesTextAndProperties() {
		Attachment attachment = db.uploadedAttachment(task);
		LabelDetection detection = dog();

		labels.replace(attachment, detection, Instant.now());

		assertThat(labels.find(attachment.id())).contains(detection);
		assertThat(labels.findByTask(task.id())).containsOnlyKeys(attachment.id());
	}

	@Test
	void replacingLabelsKeepsOneLabelSet() {
		Attachment attachment = db.uploadedAttachment(task);

		labels.replace(attachment, dog(), Instant.now());
		labels.replace(attachment, dog(), Instant.now());

		assertThat(count("SELECT COUNT(*) FROM attachment_labels")).isEqualTo(1);
		assertThat(db.jdbc.sql("SELECT term FROM attachment_label_terms ORDER BY term").query(String.class).list())
			.containsExactly("animal", "canine", "dog", "golden retriever", "mammal");
	}

	@Test
	void theTaskListFindsATaskByALabelOrAParentOfOne() {
		Attachment attachment = db.uploadedAttachment(task);
		labels.replace(attachment, dog(), Instant.now());

		assertThat(titles("Animal")).containsExactly(task.title());
		assertThat(titles("golden retriever")).containsExactly(task.title());
		assertThat(titles("cat")).isEmpty();

		labels.removeBefore(attachment.id(), attachment.version());
		assertThat(titles("animal")).containsExactly(task.title());
		labels.removeBefore(attachment.id(), attachment.version() + 1);
		assertThat(titles("animal")).isEmpty();
	}

	@Test
	void removingAnAttachmentRecordsItsObjectsAndTakesItsLabels() {
		Attachment attachment = db.uploadedAttachment(task);
		labels.replace(attachment, dog(), Instant.now());

		db.attachments.remove(attachment);

		assertThat(db.attachments.findById(attachment.id())).isEmpty();
		assertThat(db.attachments.objectsToDelete(10)).containsExactlyInAnyOrderElementsOf(attachment.objectKeys());
		assertThat(count("SELECT COUNT(*) FROM attachment_labels")).isZero();
		assertThat(count("SELECT COUNT(*) FROM attachment_label_terms")).isZero();

		db.attachments.objectDeleted(attachment.objectKey());
		assertThat(db.attachments.objectsToDelete(10)).containsExactly(attachment.thumbnailKey());
	}

	@Test
	void deletingTheTaskDeletesItsAttachmentsAndLabels() {
		labels.replace(db.uploadedAttachment(task), dog(), Instant.now());

		tasks.delete(task.ownerId(), task.id());

		assertThat(count("SELECT COUNT(*) FROM attachments")).isZero();
		assertThat(count("SELECT COUNT(*) FROM attachment_label_terms")).isZero();
	}

	@Test
	void unfinishedUploadsArePendingOrRejectedOnesOldestFirst() {
		Instant created = Instant.now();
		Attachment rejected = Attachment.create(task.ownerId(), task.id(), "x.png", ImageType.PNG, null, created,
				Duration.ofMinutes(15));
		db.attachments.add(rejected);
		Attachment pending = Attachment.create(task.ownerId(), task.id(), "y.png", ImageType.PNG, null,
				created.plusSeconds(1), Duration.ofMinutes(15));
		db.attachments.add(pending);
		db.uploadedAttachment(task);
		Attachment loaded = db.attachments.findById(rejected.id()).orElseThrow();
		loaded.rejected("not an image", created);
		db.attachments.update(loaded);

		assertThat(db.attachments.unfinished(10)).extracting(Attachment::id).containsExactly(rejected.id(), pending.id());
		assertThat(db.attachments.unfinished(1)).extracting(Attachment::id).containsExactly(rejected.id());
		Attachment read = db.attachments.findById(rejected.id()).orElseThrow();
		assertThat(read.status()).isEqualTo(AttachmentStatus.REJECTED);
		assertThat(read.error()).isEqualTo("not an image");
	}

	@Test
	void anObjectRecordedForDeletionIsListedOnce() {
		db.attachments.requestObjectDeletion("a/b/c.jpg");
		db.attachments.requestObjectDeletion("a/b/c.jpg");

		assertThat(db.attachments.objectsToDelete(10)).containsExactly("a/b/c.jpg");
	}

	private List<String> titles(String label) {
		return tasks.list(task.ownerId(), new TaskQuery(null, null, label, null, 10)).items().stream()
			.map(Task::title)
			.toList();
	}

	private long count(String sql) {
		return db.jdbc.sql(sql).query(Long.class).single();
	}

	private static LabelDetection dog() {
		BoundingBox box = new BoundingBox(0.1, 0.2, 0.3, 0.4);
		Label dog = new Label("Dog", 97.5, List.of(new Label.Instance(box, 96.0)), List.of("Canine", "Mammal", "Animal"),
				List.of("Pet"), List.of("Animals and Pets"));
		Label retriever = new Label("Golden Retriever", 80.25, List.of(), List.of("Dog", "Canine", "Mammal", "Animal"),
				List.of(), List.of("Animals and Pets"));
		TextDetection line = new TextDetection("GOOD DOG", TextDetection.Type.LINE, 0, null, 91.0,
				new TextDetection.Geometry(box, List.of(new TextDetection.Point(0.1, 0.2))));
		ImageProperties properties = new ImageProperties(768, 576, "JPEG",
				new ImageProperties.Quality(60, 70, 80), List.of(new ImageProperties.DominantColor("#aabbcc", "blue", 40)));
		return new LabelDetection(List.of(dog, retriever), List.of(line), properties, "onbox-1");
	}
}
