package app.tasklens.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import app.tasklens.Ids;

class AttachmentTest {

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
	private static final ImageHeader JPEG_HEADER = new ImageHeader(ImageType.JPEG, 800, 600, 1);
	private static final long MAX = 15L * 1024 * 1024;

	private final String owner = Ids.random();
	private final String task = Ids.random();

	@Test
	void aNewAttachmentWaitsForItsBytes() {
		Attachment attachment = pending();

		assertThat(attachment.status()).isEqualTo(AttachmentStatus.PENDING_UPLOAD);
		assertThat(attachment.version()).isZero();
		assertThat(attachment.hasImage()).isFalse();
		assertThat(attachment.uploadExpiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
	}

	@Test
	void goesThroughUploadAndLabelingToLabeled() {
		Attachment attachment = pending();

		attachment.objectCreated(JPEG_HEADER, 1234, MAX, NOW);
		assertThat(attachment.status()).isEqualTo(AttachmentStatus.UPLOADED);
		assertThat(attachment.version()).isEqualTo(1);
		assertThat(attachment.size()).isEqualTo(1234);
		assertThat(attachment.hasImage()).isTrue();

		assertThat(attachment.startLabeling(NOW)).isTrue();
		assertThat(attachment.status()).isEqualTo(AttachmentStatus.LABELING);

		attachment.labeled(NOW);
		assertThat(attachment.status()).isEqualTo(AttachmentStatus.LABELED);
	}

	@Test
	void eachTransitionRegistersItsEventsUntilTheyAreReleased() {
		Attachment attachment = pending();

		attachment.objectCreated(JPEG_HEADER, 1234, MAX, NOW);

		assertThat(attachment.releaseEvents()).containsExactly(
				new AttachmentStatusChanged(owner, task, attachment.id(), AttachmentStatus.UPLOADED, null),
				new LabelingRequested(owner, task, attachment.id(), 1));
		assertThat(attachment.releaseEvents()).isEmpty();

		attachment.startLabeling(NOW);
		attachment.failed("broken", NOW);
		attachment.relabel(NOW);
		attachment.delete();
		assertThat(attachment.releaseEvents()).containsExactly(
				new AttachmentStatusChanged(owner, task, attachment.id(), AttachmentStatus.LABELING, null),
				new AttachmentStatusChanged(owner, task, attachment.id(), AttachmentStatus.FAILED, "broken"),
				new AttachmentStatusChanged(owner, task, attachment.id(), AttachmentStatus.UPLOADED, null),
				new LabelingRequested(owner, task, attachment.id(), 2),
				new AttachmentDeleted(owner, task, attachment.id()));
	}

	@Test
	void anImageWaitsForTheModelsThenIsLabeledOrFails() {
		Attachment attachment = pending();
		attachment.objectCreated(JPEG_HEADER, 1234, MAX, NOW);
		attachment.startLabeling(NOW);
		attachment.releaseEvents();

		assertThat(attachment.waitForModels(NOW)).isTrue();
		assertThat(attachment.releaseEvents()).containsExactly(new AttachmentStatusChanged(owner, task, attachment.id(),
				AttachmentStatus.PENDING_MODEL, Attachment.LABELING_PAUSED));
		assertThat(attachment.waitForModels(NOW)).as("already waiting").isFalse();
		assertThat(attachment.status()).isEqualTo(AttachmentStatus.PENDING_MODEL);
		assertThat(attachment.error()).isEqualTo(Attachment.LABELING_PAUSED);
		assertThatThrownBy(() -> attachment.relabel(NOW)).isInstanceOf(IllegalAttachmentStateException.class);

		assertThat(attachment.startLabeling(NOW)).isTrue();
		assertThat(attachment.error()).isNull();
		attachment.waitForModels(NOW);
		attachment.failed("the image cannot be read", NOW);
		assertThat(attachment.status()).isEqualTo(AttachmentStatus.FAILED);
		assertThatThrownBy(() -> attachment.waitForModels(NOW)).isInstanceOf(IllegalAttachmentStateException.class);
	}

	@Test
	void theSizeIsTheOneTheUserSeesAfterExifOrientation() {
		Attachment attachment = pending();

		attachment.objectCreated(new ImageHeader(ImageType.JPEG, 800, 600, 6), 10, MAX, NOW);

		assertThat(attachment.width()).isEqualTo(600);
		assertThat(attachment.height()).isEqualTo(800);
	}

	@Test
	void aSecondObjectForTheSameAttachmentIsRefused() {
		Attachment attachment = pending();
		attachment.objectCreated(JPEG_HEADER, 10, MAX, NOW);

		assertThatThrownBy(() -> attachment.objectCreated(JPEG_HEADER, 10, MAX, NOW))
			.isInstanceOf(IllegalAttachmentStateException.class);
		assertThat(attachment.version()).isEqualTo(1);
	}

	@Test
	void bytesOfAnotherTypeThanDeclaredAreRefused() {
		Attachment attachment = pending();

		assertThatThrownBy(() -> attachment.objectCreated(new ImageHeader(ImageType.PNG, 10, 10, 1), 10, MAX, NOW))
			.isInstanceOf(UnsupportedImageTypeException.class)
			.hasMessageContaining("image/jpeg").hasMessageContaining("image/png");
		assertThat(attachment.status()).isEqualTo(AttachmentStatus.PENDING_UPLOAD);
		assertThat(attachment.releaseEvents()).isEmpty();
	}

	@Test
	void moreBytesThanDeclaredOrAllowedAreRefused() {
		Attachment declared = pending();
		Attachment undeclared = Attachment.create(owner, task, "dog.jpg", ImageType.JPEG, null, NOW,
				Duration.ofMinutes(15));

		assertThatThrownBy(() -> declared.objectCreated(JPEG_HEADER, 1235, MAX, NOW))
			.isInstanceOf(UploadTooLargeException.class).hasMessageContaining("1234 bytes");
		assertThatThrownBy(() -> undeclared.objectCreated(JPEG_HEADER, MAX + 1, MAX, NOW))
			.isInstanceOf(UploadTooLargeException.class);
		undeclared.objectCreated(JPEG_HEADER, MAX, MAX, NOW);
		assertThat(declared.status()).isEqualTo(AttachmentStatus.PENDING_UPLOAD);
		assertThat(undeclared.status()).isEqualTo(AttachmentStatus.UPLOADED);
	}

	@Test
	void aRejectedUploadSaysWhyAndHasNoImage() {
		Attachment attachment = pending();

		attachment.rejected("the file is not a JPEG, PNG or WebP image", NOW);

		assertThat(attachment.status()).isEqualTo(AttachmentStatus.REJECTED);
		assertThat(attachment.error()).isEqualTo("the file is not a JPEG, PNG or WebP image");
		assertThat(attachment.hasImage()).isFalse();
		assertThat(attachment.releaseEvents()).containsExactly(new AttachmentStatusChanged(owner, task,
				attachment.id(), AttachmentStatus.REJECTED, "the file is not a JPEG, PNG or WebP image"));
		assertThatThrownBy(() -> attachment.objectCreated(JPEG_HEADER, 10, MAX, NOW))
			.isInstanceOf(IllegalAttachmentStateException.class);
		assertThatThrownBy(() -> attachment.relabel(NOW)).isInstanceOf(IllegalAttachmentStateException.class);
		assertThatThrownBy(() -> attachment.uploadGrant(MAX)).isInstanceOf(IllegalAttachmentStateException.class);
		assertThat(attachment.isAbandoned(NOW.plus(Duration.ofMinutes(16)))).isTrue();
	}

	@Test
	void theGrantAllowsTheDeclaredSizeOrTheLimit() {
		assertThat(pending().uploadGrant(MAX).maxBytes()).isEqualTo(1234);
		assertThat(pending().uploadGrant(MAX).declaredSize()).isEqualTo(1234);
		Attachment undeclared = Attachment.create(owner, task, "dog.jpg", ImageType.JPEG, null, NOW,
				Duration.ofMinutes(15));
		assertThat(undeclared.uploadGrant(MAX).maxBytes()).isEqualTo(MAX);
		assertThat(undeclared.uploadGrant(MAX).declaredSize()).isNull();
		assertThat(undeclared.uploadGrant(MAX).objectKey()).isEqualTo(undeclared.objectKey());
	}

	@Test
	void aSecondStartAfterACrashedWorkerChangesNothing() {
		Attachment attachment = uploaded();
		attachment.startLabeling(NOW);

		assertThat(attachment.startLabeling(NOW.plusSeconds(60))).isFalse();
		assertThat(attachment.status()).isEqualTo(AttachmentStatus.LABELING);
		assertThat(attachment.updatedAt()).isEqualTo(NOW);
	}

	@Test
	void failsWithAReason() {
		Attachment attachment = uploaded();
		attachment.startLabeling(NOW);

		attachment.failed("model yolox missing", NOW);

		assertThat(attachment.status()).isEqualTo(AttachmentStatus.FAILED);
		assertThat(attachment.error()).isEqualTo("model yolox missing");
	}

	@Test
	void aVeryLongReasonIsCut() {
		Attachment attachment = uploaded();

		attachment.failed("x".repeat(5000), NOW);

		assertThat(attachment.error()).hasSize(Attachment.MAX_ERROR);
	}

	@Test
	void relabelFromLabeledOrFailedStartsANewVersion() {
		Attachment labeled = uploaded();
		labeled.startLabeling(NOW);
		labeled.labeled(NOW);
		Attachment failed = uploaded();
		failed.failed("broken", NOW);

		labeled.relabel(NOW);
		failed.relabel(NOW);

		assertThat(labeled.status()).isEqualTo(AttachmentStatus.UPLOADED);
		assertThat(labeled.version()).isEqualTo(2);
		assertThat(failed.status()).isEqualTo(AttachmentStatus.UPLOADED);
		assertThat(failed.error()).isNull();
		assertThat(failed.version()).isEqualTo(2);
	}

	@Test
	void onlyALabeledImageHasLabelsToEdit() {
		Attachment labeled = uploaded();
		labeled.startLabeling(NOW);
		Attachment labeling = uploaded();
		labeling.startLabeling(NOW);
		labeled.labeled(NOW);

		labeled.labelsEdited(NOW.plusSeconds(5));

		assertThat(labeled.status()).isEqualTo(AttachmentStatus.LABELED);
		assertThat(labeled.updatedAt()).isEqualTo(NOW.plusSeconds(5));
		assertThatThrownBy(() -> labeling.labelsEdited(NOW)).isInstanceOf(IllegalAttachmentStateException.class)
			.hasMessageContaining("once the image is labeled");
		assertThatThrownBy(() -> pending().labelsEdited(NOW)).isInstanceOf(IllegalAttachmentStateException.class);
	}

	@Test
	void illegalTransitionsAreRejected() {
		Attachment pending = pending();
		assertThatThrownBy(() -> pending.startLabeling(NOW)).isInstanceOf(IllegalAttachmentStateException.class);
		assertThatThrownBy(() -> pending.labeled(NOW)).isInstanceOf(IllegalAttachmentStateException.class);
		assertThatThrownBy(() -> pending.relabel(NOW)).isInstanceOf(IllegalAttachmentStateException.class);
		assertThatThrownBy(() -> pending.failed("x", NOW)).isInstanceOf(IllegalAttachmentStateException.class);

		Attachment uploaded = uploaded();
		assertThatThrownBy(() -> uploaded.labeled(NOW)).isInstanceOf(IllegalAttachmentStateException.class);
		assertThatThrownBy(() -> uploaded.relabel(NOW)).isInstanceOf(IllegalAttachmentStateException.class);
		assertThatThrownBy(() -> uploaded.uploadGrant(100)).isInstanceOf(IllegalAttachmentStateException.class);

		Attachment labeling = uploaded();
		labeling.startLabeling(NOW);
		assertThatThrownBy(() -> labeling.relabel(NOW)).isInstanceOf(IllegalAttachmentStateException.class);

		Attachment labeled = uploaded();
		labeled.startLabeling(NOW);
		labeled.labeled(NOW);
		assertThatThrownBy(() -> labeled.startLabeling(NOW)).isInstanceOf(IllegalAttachmentStateException.class);
		assertThatThrownBy(() -> labeled.failed("x", NOW)).isInstanceOf(IllegalAttachmentStateException.class);
		assertThatThrownBy(() -> labeled.objectCreated(JPEG_HEADER, 1, MAX, NOW))
			.isInstanceOf(IllegalAttachmentStateException.class);
		assertThatThrownBy(() -> labeled.rejected("late", NOW)).isInstanceOf(IllegalAttachmentStateException.class);
		assertThat(labeled.status()).isEqualTo(AttachmentStatus.LABELED);
	}

	@Test
	void anImageKeyGivesBackItsIdsAndNothingElseIsAnImageKey() {
		Attachment attachment = pending();

		assertThat(ObjectKey.parse(attachment.objectKey()))
			.contains(new ObjectKey(owner, task, attachment.id(), ImageType.JPEG));
		assertThat(ObjectKey.parse(attachment.objectKey()).orElseThrow().toString()).isEqualTo(attachment.objectKey());
		assertThat(attachment.hasKey(ObjectKey.parse(attachment.objectKey()).orElseThrow())).isTrue();
		assertThat(attachment.hasKey(new ObjectKey(owner, task, attachment.id(), ImageType.PNG))).isFalse();
		assertThat(attachment.hasKey(new ObjectKey(Ids.random(), task, attachment.id(), ImageType.JPEG))).isFalse();
		for (String other : new String[] {attachment.thumbnailKey(), "uploads/photo.jpg", attachment.objectKey() + "x",
				"../" + attachment.objectKey(), owner + "/" + task + "/short.jpg", "", "a%2Fb.jpg"}) {
			assertThat(ObjectKey.parse(other)).as(other).isEmpty();
		}
		assertThat(ObjectKey.parse(null)).isEmpty();
	}

	@Test
	void objectKeysAreMadeOfIdsOnly() {
		Attachment attachment = Attachment.create(owner, task, "../../etc/passwd.jpg", ImageType.JPEG, null, NOW,
				Duration.ofMinutes(15));

		assertThat(attachment.objectKey()).isEqualTo(owner + "/" + task + "/" + attachment.id() + ".jpg");
		assertThat(attachment.thumbnailKey()).isEqualTo(owner + "/" + task + "/" + attachment.id() + ".thumb.jpg");
		assertThat(attachment.filename()).isEqualTo("passwd.jpg");
	}

	@Test
	void theDisplayNameLosesPathsAndControlCharacters() {
		assertThat(Attachment.displayName("C:\\Users\\me\\Pictures\\Hund.jpg")).isEqualTo("Hund.jpg");
		assertThat(Attachment.displayName("a\r\nb\u202Egpj.exe")).isEqualTo("abgpj.exe");
		assertThat(Attachment.displayName("Фото собаки.png")).isEqualTo("Фото собаки.png");
		assertThatThrownBy(() -> Attachment.displayName("  ")).isInstanceOf(InvalidAttachmentException.class);
		assertThatThrownBy(() -> Attachment.displayName("x".repeat(256))).isInstanceOf(InvalidAttachmentException.class);
	}

	@Test
	void anUploadNeverDoneIsAbandonedAfterItsUrlExpired() {
		Attachment attachment = pending();

		assertThat(attachment.isAbandoned(NOW.plus(Duration.ofMinutes(14)))).isFalse();
		assertThat(attachment.isAbandoned(NOW.plus(Duration.ofMinutes(16)))).isTrue();
	}

	private Attachment pending() {
		return Attachment.create(owner, task, "dog.jpg", ImageType.JPEG, 1234L, NOW, Duration.ofMinutes(15));
	}

	private Attachment uploaded() {
		Attachment attachment = pending();
		attachment.objectCreated(JPEG_HEADER, 1234, MAX, NOW);
		attachment.releaseEvents();
		return attachment;
	}
}
