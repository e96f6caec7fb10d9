package app.tasklens.web.ui;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.transaction.support.TransactionTemplate;

import app.tasklens.TestImages;
import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentUploads;
import app.tasklens.attachment.Attachments;
import app.tasklens.attachment.ObjectStore;
import app.tasklens.labeling.AttachmentLabels;
import app.tasklens.labeling.BoundingBox;
import app.tasklens.labeling.Label;
import app.tasklens.labeling.LabelDetection;
import app.tasklens.labeling.TextDetection;

/**
 * Images on tasks, made the way they are made in the running app: a user asks for an upload and sends
 * the bytes, and the labels are saved through the attachment's transitions as the labeling use case saves
 * them. The detection is given, so that a test can show any label or text, including hostile ones that
 * the on-box detector would never name. The test context must leave the detector unavailable (no models
 * in its data dir) with a long retry backoff, so the worker never gets in the way.
 */
record AttachedImages(AttachmentUploads uploads, ObjectStore store, Attachments attachments,
		AttachmentLabels labels, TransactionTemplate transactions, Clock clock) {

	/**
	 * A PNG of {@code width} × {@code height} uploaded to the task: its object put in the store and
	 * announced, as a store does; UPLOADED, labeling not finished.
	 */
	Attachment upload(String userId, String taskId, String filename, int width, int height) {
		byte[] png = TestImages.png(width, height);
		AttachmentUploads.NewUpload created = uploads.request(userId, taskId, filename, "image/png", (long) png.length);
		String key = created.attachment().objectKey();
		try {
			store.put(key, new ByteArrayInputStream(png), png.length, "image/png");
			return uploads.objectCreated(key, png.length).orElseThrow();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Labeling of the uploaded image ends with {@code detection}: LABELED. */
	Attachment label(Attachment uploaded, LabelDetection detection) {
		return transactions.execute(status -> {
			Attachment attachment = attachments.findById(uploaded.id()).orElseThrow();
			Instant now = clock.instant();
			attachment.startLabeling(now);
			attachment.labeled(now);
			attachments.update(attachment);
			labels.replace(attachment, detection, now);
			return attachment;
		});
	}

	Attachment uploadAndLabel(String userId, String taskId, String filename, LabelDetection detection) {
		return label(upload(userId, taskId, filename, 200, 100), detection);
	}

	static LabelDetection detection(List<Label> labels, List<TextDetection> text) {
		return new LabelDetection(labels, text, null, "test-labels");
	}

	static Label label(String name, double confidence, String... parents) {
		return new Label(name, confidence, List.of(), List.of(parents), List.of(), List.of());
	}

	static Label boxed(String name, double confidence, BoundingBox box) {
		return new Label(name, confidence, List.of(new Label.Instance(box, confidence)), List.of(), List.of(), List.of());
	}

	static TextDetection line(String text) {
		return new TextDetection(text, TextDetection.Type.LINE, 0, null, 97.5,
				new TextDetection.Geometry(new BoundingBox(0.1, 0.1, 0.5, 0.1), List.of()));
	}
}
