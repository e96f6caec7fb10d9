package app.tasklens.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentStatus;
import app.tasklens.attachment.Attachments;
import app.tasklens.attachment.ConcurrentAttachmentChangeException;
import app.tasklens.attachment.ImageHeader;
import app.tasklens.attachment.ImagePage;
import app.tasklens.attachment.ImageQuery;
import app.tasklens.attachment.ImageType;
import app.tasklens.labeling.AttachmentLabels;
import app.tasklens.labeling.BoundingBox;
import app.tasklens.labeling.ImageLabels;
import app.tasklens.labeling.ImageProperties;
import app.tasklens.labeling.Label;
import app.tasklens.labeling.LabelCount;
import app.tasklens.labeling.LabelDetection;
import app.tasklens.labeling.LabelEdits;
import app.tasklens.labeling.TextDetection;
import app.tasklens.task.Task;
import app.tasklens.task.TaskQuery;

/**
 * What every adapter of {@link Attachments} and {@link AttachmentLabels} does, together: labels belong to an
 * attachment and go with it, the user's edits outlive a new detection, and the task list's label filter, its
 * search and the label suggestions read the labels as shown.
 */
public abstract class AttachmentsContract {

	private StoreFixture store;
	private Attachments attachments;
	private AttachmentLabels labels;
	private Task task;

	protected abstract StoreFixture open();

	@BeforeEach
	void openStore() {
		store = open();
		attachments = store.attachments();
		labels = store.labels();
		task = store.task();
	}

	@AfterEach
	void closeStore() {
		store.close();
	}

	@Test
	void anAttachmentReadsBackAsItWasSaved() {
		Attachment attachment = store.uploadedAttachment(task);

		Attachment read = attachments.find(task.ownerId(), task.id(), attachment.id()).orElseThrow();

		assertThat(read.status()).isEqualTo(AttachmentStatus.UPLOADED);
		assertThat(read.type()).isEqualTo(ImageType.JPEG);
		assertThat(read.version()).isEqualTo(1);
		assertThat(read.width()).isEqualTo(4);
		assertThat(read).usingRecursiveComparison().ignoringFields("revision").isEqualTo(attachment);
		assertThat(attachments.find("someone-else", task.id(), attachment.id())).isEmpty();
		assertThat(attachments.listByTask(task.ownerId(), task.id())).extracting(Attachment::id)
			.containsExactly(attachment.id());
	}

	@Test
	void savingOverANewerStateIsRefused() {
		Attachment attachment = store.uploadedAttachment(task);
		Attachment first = attachments.findById(attachment.id()).orElseThrow();
		Attachment second = attachments.findById(attachment.id()).orElseThrow();
		first.startLabeling(Instant.now());
		attachments.update(first);

		second.failed("late", Instant.now());

		assertThatThrownBy(() -> attachments.update(second)).isInstanceOf(ConcurrentAttachmentChangeException.class);
		assertThat(attachments.findById(attachment.id()).orElseThrow().status()).isEqualTo(AttachmentStatus.LABELING);
	}

	@Test
	void labelsSavedWithAStaleAttachmentAreNotSavedEither() {
		Attachment attachment = store.uploadedAttachment(task);
		Attachment stale = attachments.findById(attachment.id()).orElseThrow();
		Attachment current = attachments.findById(attachment.id()).orElseThrow();
		current.startLabeling(Instant.now());
		attachments.update(current);
		stale.startLabeling(Instant.now());

		assertThatThrownBy(() -> store.inTransaction(() -> {
			labels.replace(stale, dog(), Instant.now());
			attachments.update(stale);
			return null;
		})).isInstanceOf(ConcurrentAttachmentChangeException.class);

		assertThat(labels.find(attachment.id())).isEmpty();
		assertThat(titles("dog")).isEmpty();
	}

	@Test
	void labelsRoundTripWithBoxesTextAndProperties() {
		Attachment attachment = store.uploadedAttachment(task);
		LabelDetection detection = dog();

		labels.replace(attachment, detection, Instant.now());

		assertThat(labels.find(attachment.id()).orElseThrow().detection()).isEqualTo(detection);
		assertThat(labels.findByTask(task.id())).containsOnlyKeys(attachment.id());
	}

	@Test
	void replacingLabelsKeepsOneLabelSet() {
		Attachment attachment = store.uploadedAttachment(task);

		labels.replace(attachment, dog(), Instant.now());
		labels.replace(attachment, new LabelDetection(List.of(label("Cat")), List.of(), null, "onbox-1"), Instant.now());

		assertThat(labels.findByTask(task.id())).containsOnlyKeys(attachment.id());
		assertThat(labels.find(attachment.id()).orElseThrow().labels()).extracting(Label::name).containsExactly("Cat");
		assertThat(titles("cat")).containsExactly(task.title());
		assertThat(titles("dog")).isEmpty();
	}

	@Test
	void theTaskListFindsATaskByALabelOrAParentOfOne() {
		Attachment attachment = store.uploadedAttachment(task);
		labels.replace(attachment, dog(), Instant.now());
		labels.replace(store.uploadedAttachment(task), dog(), Instant.now());

		assertThat(titles("Animal")).containsExactly(task.title());
		assertThat(titles("golden retriever")).containsExactly(task.title());
		assertThat(titles("cat")).isEmpty();

		labels.removeBefore(attachment.id(), attachment.version());
		assertThat(labels.find(attachment.id())).isPresent();
		labels.removeBefore(attachment.id(), attachment.version() + 1);
		assertThat(labels.find(attachment.id())).isEmpty();
	}

	@Test
	void removingAnAttachmentRecordsItsObjectsAndTakesItsLabels() {
		Attachment attachment = store.uploadedAttachment(task);
		labels.replace(attachment, dog(), Instant.now());

		attachments.remove(attachment);

		assertThat(attachments.findById(attachment.id())).isEmpty();
		assertThat(attachments.objectsToDelete(10)).containsExactlyInAnyOrderElementsOf(attachment.objectKeys());
		assertThat(labels.find(attachment.id())).isEmpty();
		assertThat(labels.findByTask(task.id())).isEmpty();
		assertThat(titles("dog")).isEmpty();

		attachments.objectDeleted(attachment.objectKey());
		assertThat(attachments.objectsToDelete(10)).containsExactly(attachment.thumbnailKey());
	}

	@Test
	void deletingTheTaskDeletesItsAttachmentsAndLabels() {
		Attachment attachment = store.uploadedAttachment(task);
		labels.replace(attachment, dog(), Instant.now());
		labels.edit(attachment, ImageLabels.of(null, LabelEdits.none()).adding("Cat").edits(), Instant.now());

		store.tasks().delete(task.ownerId(), task.id());

		assertThat(attachments.findById(attachment.id())).isEmpty();
		assertThat(attachments.listByTask(task.ownerId(), task.id())).isEmpty();
		assertThat(labels.findByTask(task.id())).isEmpty();
	}

	@Test
	void theUsersEditsDecideWhatIsShownAndFoundAndOutliveANewDetection() {
		Attachment attachment = store.uploadedAttachment(task);
		labels.replace(attachment, dog(), Instant.now());
		LabelEdits edits = labels.find(attachment.id()).orElseThrow().removing("Dog").adding("Cat").edits();

		labels.edit(attachment, edits, Instant.now());

		assertThat(labels.find(attachment.id()).orElseThrow().labels()).extracting(Label::name).containsExactly("Cat");
		assertThat(labels.findByTask(task.id()).get(attachment.id()).addedByUser("Cat")).isTrue();
		assertThat(titles("cat")).containsExactly(task.title());
		assertThat(titles("dog")).isEmpty();
		assertThat(titles("golden retriever")).isEmpty();
		assertThat(searched("cats")).containsExactly(task.title());
		assertThat(searched("retriever")).isEmpty();

		labels.removeBefore(attachment.id(), attachment.version() + 1);
		assertThat(labels.find(attachment.id()).orElseThrow().detection()).isNull();
		assertThat(labels.find(attachment.id()).orElseThrow().edits()).isEqualTo(edits);
		ImageLabels relabeled = labels.replace(attachment, dog(), Instant.now());

		assertThat(relabeled.labels()).extracting(Label::name).containsExactly("Cat");
		assertThat(labels.find(attachment.id()).orElseThrow().labels()).extracting(Label::name).containsExactly("Cat");
		assertThat(titles("dog")).isEmpty();
		assertThat(titles("cat")).containsExactly(task.title());

		labels.edit(attachment, LabelEdits.none(), Instant.now());
		assertThat(titles("dog")).containsExactly(task.title());
		assertThat(titles("cat")).isEmpty();
	}

	@Test
	void searchFindsATaskByTheWordsOfItsImagesInSimpleForms() {
		labels.replace(store.uploadedAttachment(task), dog(), Instant.now());

		assertThat(searched("dogs")).as("a label, as a plural").containsExactly(task.title());
		assertThat(searched("retrievers")).as("a word of a label").containsExactly(task.title());
		assertThat(searched("canine")).as("a parent").containsExactly(task.title());
		assertThat(searched("pets")).as("an alias").containsExactly(task.title());
		assertThat(searched("GOOD")).as("text read in the image").containsExactly(task.title());
		assertThat(searched("gold")).as("a word begun").containsExactly(task.title());
		assertThat(searched("golden task")).as("a label's word and a title's").containsExactly(task.title());
		assertThat(searched("cat")).isEmpty();
		assertThat(searched("dog cat")).as("every word must be found").isEmpty();
	}

	@Test
	void suggestionsCountTheOwnersImagesAndTasksByNameAndParent() {
		labels.replace(store.uploadedAttachment(task), dog(), Instant.now());
		labels.replace(store.uploadedAttachment(task), dog(), Instant.now());
		Task second = Task.create(task.ownerId(), "another task", "", null, Instant.now());
		store.tasks().add(second);
		labels.replace(store.uploadedAttachment(second),
				new LabelDetection(List.of(label("Dolphin")), List.of(), null, "onbox-1"), Instant.now());
		Task someoneElses = store.task();
		labels.replace(store.uploadedAttachment(someoneElses), dog(), Instant.now());

		assertThat(labels.suggest(task.ownerId(), "Do", 10)).containsExactly(new LabelCount("Dog", 2, 1),
				new LabelCount("Dolphin", 1, 1));
		assertThat(labels.suggest(task.ownerId(), "anim", 10)).containsExactly(new LabelCount("Animal", 2, 1));
		assertThat(labels.suggest(task.ownerId(), "golden r", 10)).containsExactly(new LabelCount("Golden Retriever", 2, 1));
		assertThat(labels.suggest(task.ownerId(), "", 2)).hasSize(2);
		assertThat(labels.suggest(task.ownerId(), "%", 10)).isEmpty();
		assertThat(labels.suggest(someoneElses.ownerId(), "dol", 10)).isEmpty();
	}

	@Test
	void removingAnAttachmentTakesItsEdits() {
		Attachment attachment = store.uploadedAttachment(task);
		labels.edit(attachment, ImageLabels.of(null, LabelEdits.none()).adding("Cat").edits(), Instant.now());
		assertThat(labels.findByTask(task.id())).containsOnlyKeys(attachment.id());

		attachments.remove(attachment);

		assertThat(labels.find(attachment.id())).isEmpty();
		assertThat(labels.findByTask(task.id())).isEmpty();
		assertThat(titles("cat")).isEmpty();
		assertThat(labels.suggest(task.ownerId(), "", 10)).isEmpty();
	}

	@Test
	void unfinishedUploadsArePendingOrRejectedOnesByExpiry() {
		Instant created = Instant.now();
		Attachment rejected = Attachment.create(task.ownerId(), task.id(), "x.png", ImageType.PNG, null, created,
				Duration.ofMinutes(15));
		attachments.add(rejected);
		Attachment pending = Attachment.create(task.ownerId(), task.id(), "y.png", ImageType.PNG, null,
				created.plusSeconds(1), Duration.ofMinutes(15));
		attachments.add(pending);
		store.uploadedAttachment(task);
		Attachment loaded = attachments.findById(rejected.id()).orElseThrow();
		loaded.rejected("not an image", created);
		attachments.update(loaded);

		assertThat(attachments.unfinished(10)).extracting(Attachment::id).containsExactly(rejected.id(), pending.id());
		assertThat(attachments.unfinished(1)).extracting(Attachment::id).containsExactly(rejected.id());
		Attachment read = attachments.findById(rejected.id()).orElseThrow();
		assertThat(read.status()).isEqualTo(AttachmentStatus.REJECTED);
		assertThat(read.error()).isEqualTo("not an image");
	}

	@Test
	void anObjectRecordedForDeletionIsListedOnceUntilDeleted() {
		attachments.requestObjectDeletion("a/b/c.jpg");
		attachments.requestObjectDeletion("a/b/c.jpg");

		assertThat(attachments.objectsToDelete(10)).containsExactly("a/b/c.jpg");
		attachments.objectDeleted("a/b/c.jpg");
		assertThat(attachments.objectsToDelete(10)).isEmpty();
	}

	@Test
	void imagesAreTheOwnersStoredImagesAcrossTasksNewestFirstPageByPage() {
		Instant start = Instant.parse("2026-12-01T10:00:00Z");
		Task second = Task.create(task.ownerId(), "another task", "", null, start);
		store.tasks().add(second);
		Attachment oldest = imageAt(task, start);
		Attachment middle = imageAt(second, start.plusSeconds(1));
		Attachment newest = imageAt(task, start.plusSeconds(2));
		attachments.add(Attachment.create(task.ownerId(), task.id(), "pending.png", ImageType.PNG, null,
				start.plusSeconds(3), Duration.ofMinutes(15)));
		Attachment rejected = Attachment.create(task.ownerId(), task.id(), "x.png", ImageType.PNG, null,
				start.plusSeconds(4), Duration.ofMinutes(15));
		attachments.add(rejected);
		Attachment loaded = attachments.findById(rejected.id()).orElseThrow();
		loaded.rejected("not an image", start);
		attachments.update(loaded);
		Attachment someoneElses = imageAt(store.task(), start.plusSeconds(5));

		ImagePage first = attachments.images(task.ownerId(), new ImageQuery(null, null, null, 2));
		assertThat(first.items()).extracting(Attachment::id).containsExactly(newest.id(), middle.id());
		assertThat(first.nextCursor()).isNotNull();
		ImagePage rest = attachments.images(task.ownerId(),
				new ImageQuery(null, null, ImageQuery.Cursor.parse(first.nextCursor()), 2));
		assertThat(rest.items()).extracting(Attachment::id).containsExactly(oldest.id());
		assertThat(rest.nextCursor()).isNull();

		ImageQuery all = new ImageQuery(null, null, null, 10);
		assertThat(attachments.countImages(task.ownerId(), all)).isEqualTo(3);
		assertThat(attachments.images(task.ownerId(), all.from(ImageQuery.Cursor.of(oldest), ImageQuery.Direction.NEWER, 10))
			.items()).as("newer than the oldest, nearest first").extracting(Attachment::id)
			.containsExactly(middle.id(), newest.id());
		assertThat(attachments.countImages(task.ownerId(),
				all.from(ImageQuery.Cursor.of(middle), ImageQuery.Direction.OLDER, 10))).isEqualTo(1);
		assertThat(attachments.images(someoneElses.ownerId(), all).items()).extracting(Attachment::id)
			.containsExactly(someoneElses.id());
	}

	@Test
	void imagesAreFilteredByTheirOwnLabelsAsShownAndSearchedAsTasksAre() {
		Attachment dog = store.uploadedAttachment(task);
		labels.replace(dog, dog(), Instant.now());
		Task second = Task.create(task.ownerId(), "another chore", "feed them", null, Instant.now());
		store.tasks().add(second);
		Attachment cat = store.uploadedAttachment(second);
		labels.replace(cat, new LabelDetection(List.of(label("Cat")), List.of(), null, "onbox-1"), Instant.now());
		Attachment unlabeled = store.uploadedAttachment(task);
		labels.replace(store.uploadedAttachment(store.task()), dog(), Instant.now());

		assertThat(images(null, "Animal")).as("a parent, the image's own").containsExactly(dog.id());
		assertThat(images(null, "cat")).containsExactly(cat.id());
		assertThat(images("dogs", null)).as("a label, as a plural").containsExactly(dog.id());
		assertThat(images("pets", null)).as("an alias").containsExactly(dog.id());
		assertThat(images("GOOD", null)).as("text read in the image").containsExactly(dog.id());
		assertThat(images("golden task", null)).as("a label's word and its task's").containsExactly(dog.id());
		assertThat(images("chore", null)).as("its task's title").containsExactly(cat.id());
		assertThat(images("feed them", null)).as("its task's notes as typed").containsExactly(cat.id());
		assertThat(images("a task", null)).as("the task's title: all its images").containsExactlyInAnyOrder(dog.id(),
				unlabeled.id());
		assertThat(images("dog cat", null)).as("every word, in the image or its task").isEmpty();
		assertThat(images("cats", "animal")).isEmpty();
		assertThat(attachments.countImages(task.ownerId(), new ImageQuery("dogs", null, null, 1))).isEqualTo(1);

		labels.edit(dog, labels.find(dog.id()).orElseThrow().removing("Dog").adding("Wolf").edits(), Instant.now());

		assertThat(images(null, "dog")).as("the user's removal").isEmpty();
		assertThat(images("wolf", null)).as("the user's label").containsExactly(dog.id());
	}

	private List<String> images(String text, String label) {
		return attachments.images(task.ownerId(), new ImageQuery(text, label, null, 10)).items().stream()
			.map(Attachment::id)
			.toList();
	}

	private Attachment imageAt(Task owner, Instant at) {
		Attachment attachment = Attachment.create(owner.ownerId(), owner.id(), "dog.jpg", ImageType.JPEG, 10L, at,
				Duration.ofMinutes(15));
		attachments.add(attachment);
		Attachment stored = attachments.findById(attachment.id()).orElseThrow();
		stored.objectCreated(new ImageHeader(ImageType.JPEG, 4, 3, 1), 10, 10, at);
		attachments.update(stored);
		return attachments.findById(attachment.id()).orElseThrow();
	}

	private List<String> searched(String text) {
		return store.tasks().list(task.ownerId(), new TaskQuery(null, text, null, null, 10)).items().stream()
			.map(Task::title)
			.toList();
	}

	private List<String> titles(String label) {
		return store.tasks().list(task.ownerId(), new TaskQuery(null, null, label, null, 10)).items().stream()
			.map(Task::title)
			.toList();
	}

	private static Label label(String name) {
		return new Label(name, 90, List.of(), List.of(), List.of(), List.of());
	}

	static LabelDetection dog() {
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
