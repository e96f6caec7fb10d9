package app.tasklens.web.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentStatus;
import app.tasklens.labeling.BoundingBox;
import app.tasklens.labeling.Label;
import app.tasklens.labeling.ImageLabels;
import app.tasklens.labeling.TextDetection;

/**
 * One image opened: the picture with a box around each detected object, every label, and the text read
 * in it. Boxes are SVG in the image's own pixels ({@code viewBox="0 0 width height"}) laid over the
 * picture, so they need no {@code style} attribute (the Content-Security-Policy forbids those) and scale
 * with it.
 *
 * @param width pixels as the user sees the image, the unit of the boxes
 * @param boxes every instance of every label, in label order
 * @param labels all labels, in the order of the card's badges
 * @param text the lines of text read in the image (its words when no lines were told apart)
 * @param removed the names the user removed, which labeling again keeps out
 */
record AttachmentView(AttachmentCard card, int width, int height, List<Box> boxes, List<LabelRow> labels,
		List<TextLine> text, List<String> removed) {

	/** How many distinct colours the boxes cycle through; one per label, see {@code app.css}. */
	static final int COLOURS = 6;

	/** A box in image pixels, with its caption placed just above it (inside it when at the top edge). */
	record Box(String x, String y, String width, String height, String caption, String captionX, String captionY,
			int colour) {
	}

	/**
	 * @param parents the label's ancestors, nearest first, e.g. "Canine, Mammal, Animal"
	 * @param byUser the user added it by hand
	 */
	record LabelRow(String name, String confidence, String parents, int boxes, boolean byUser) {
	}

	record TextLine(String text, String confidence) {
	}

	/** @param detection the attachment's labels, or {@code null} when it has none */
	static AttachmentView of(Attachment attachment, ImageLabels detection) {
		AttachmentCard card = AttachmentCard.of(attachment, detection);
		int width = attachment.width();
		int height = attachment.height();
		if (attachment.status() != AttachmentStatus.LABELED || detection == null) {
			return new AttachmentView(card, width, height, List.of(), List.of(), List.of(), List.of());
		}
		double font = captionSize(width, height);
		List<Box> boxes = new ArrayList<>();
		List<LabelRow> rows = new ArrayList<>();
		int boxed = 0;
		for (Label label : AttachmentCard.ranked(detection.labels())) {
			if (!label.instances().isEmpty()) {
				int colour = boxed++ % COLOURS;
				for (Label.Instance instance : label.instances()) {
					boxes.add(box(instance, label.name(), width, height, font, colour));
				}
			}
			boolean byUser = detection.addedByUser(label.name());
			rows.add(new LabelRow(label.name(), byUser ? "yours" : AttachmentCard.percent(label.confidence()),
					String.join(", ", label.parents()), label.instances().size(), byUser));
		}
		return new AttachmentView(card, width, height, List.copyOf(boxes), List.copyOf(rows), text(detection),
				detection.edits().removed());
	}

	private static Box box(Label.Instance instance, String name, int width, int height, double font, int colour) {
		BoundingBox box = instance.boundingBox();
		double left = clamp(box.left());
		double top = clamp(box.top());
		double x = left * width;
		double y = top * height;
		double captionY = y >= font * 1.2 ? y - font * 0.3 : y + font;
		return new Box(number(x), number(y), number(clamp(Math.min(box.width(), 1 - left)) * width),
				number(clamp(Math.min(box.height(), 1 - top)) * height), name + " " + AttachmentCard.percent(instance.confidence()), number(x + font * 0.2), number(captionY),
				colour);
	}

	private static List<TextLine> text(ImageLabels detection) {
		List<TextDetection> lines = detection.textDetections().stream()
			.filter(text -> text.type() == TextDetection.Type.LINE)
			.toList();
		return (lines.isEmpty() ? detection.textDetections() : lines).stream()
			.map(text -> new TextLine(text.detectedText(), AttachmentCard.percent(text.confidence())))
			.toList();
	}

	/** About a fortieth of the longer side: readable on a phone and on a wide screen alike. */
	private static double captionSize(int width, int height) {
		return Math.max(width, height) / 40.0;
	}

	/** Caption text size in image pixels. Public for the template. */
	public String fontSize() {
		return number(captionSize(width, height));
	}

	/** The dark outline behind caption text that keeps it readable on any picture. */
	public String captionOutline() {
		return number(captionSize(width, height) / 6);
	}

	public String viewBox() {
		return "0 0 " + width + " " + height;
	}

	private static double clamp(double ratio) {
		return Math.min(1, Math.max(0, ratio));
	}

	/** Plain decimal (never {@code 1.0E-4}), one place: a tenth of a pixel is finer than any screen shows. */
	private static String number(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}
}
