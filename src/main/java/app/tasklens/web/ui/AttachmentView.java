package app.tasklens.web.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentStatus;
import app.tasklens.labeling.BoundingBox;
import app.tasklens.labeling.ImageLabels;
import app.tasklens.labeling.Label;
import app.tasklens.labeling.TextDetection;

/**
 * One image opened: the picture with a box around each detected object, every label, and the text read
 * in it. Boxes are SVG in the image's own pixels ({@code viewBox="0 0 width height"}) laid over the
 * picture, so they need no {@code style} attribute (the Content-Security-Policy forbids those) and scale
 * with it.
 *
 * <p>Captions never overlap: each is placed at the first free spot around its box (above, inside the top,
 * below, inside the bottom, then further out), in the order of the labels; a box with no free spot left
 * gets none, and its label is still in the list below with its boxes counted.
 *
 * @param width pixels as the user sees the image, the unit of the boxes
 * @param boxes every instance of every label, in label order
 * @param labels all labels, in the order of the card's badges
 * @param text the lines of text read in the image (its words when no lines were told apart)
 * @param removed the names the user removed, which labeling again keeps out
 * @param around the images before and after this one where it was opened
 */
record AttachmentView(AttachmentCard card, int width, int height, List<Box> boxes, List<LabelRow> labels,
		List<TextLine> text, List<String> removed, Neighbours around) {

	/** How many distinct colours the boxes cycle through; one per label, see {@code app.css}. */
	static final int COLOURS = 6;

	/**
	 * A caption's width per character, in font sizes: wider than bold sans-serif letters and digits average
	 * (about 0.65), so that a caption placed clear of another stays clear in the browser's real font.
	 */
	private static final double CHARACTER_WIDTH = 0.75;

	/** A caption's line height, in font sizes. */
	private static final double LINE = 1.3;

	/**
	 * A box in image pixels, with its caption's text position; {@code captioned} is false when no spot clear
	 * of the other captions was left for it.
	 */
	record Box(String x, String y, String width, String height, String caption, String captionX, String captionY,
			int colour, boolean captioned) {
	}

	/**
	 * @param parents the label's ancestors, nearest first, e.g. "Canine, Mammal, Animal"
	 * @param found how many boxes and how sure each is, e.g. "5 found, boxes 62–97%"; empty without boxes
	 * @param byUser the user added it by hand
	 */
	record LabelRow(String name, String confidence, String parents, int boxes, String found, boolean byUser) {
	}

	record TextLine(String text, String confidence) {
	}

	/**
	 * Where the image was opened from, to step to the image before or after it.
	 *
	 * @param previous the address of the image before, or {@code null} at the first
	 * @param next the address of the image after, or {@code null} at the last
	 * @param position 1-based, of {@code count}
	 * @param within what is stepped through, for people: "this task"
	 */
	record Neighbours(String previous, String next, int position, int count, String within) {

		static final Neighbours NONE = new Neighbours(null, null, 1, 1, "");

		public boolean any() {
			return count > 1;
		}
	}

	/** @param detection the attachment's labels, or {@code null} when it has none */
	static AttachmentView of(Attachment attachment, ImageLabels detection, Neighbours around) {
		AttachmentCard card = AttachmentCard.of(attachment, detection);
		int width = attachment.width();
		int height = attachment.height();
		if (attachment.status() != AttachmentStatus.LABELED || detection == null) {
			return new AttachmentView(card, width, height, List.of(), List.of(), List.of(), List.of(), around);
		}
		double font = captionSize(width, height);
		List<Box> boxes = new ArrayList<>();
		List<LabelRow> rows = new ArrayList<>();
		List<Placed> placed = new ArrayList<>();
		int boxed = 0;
		for (Label label : AttachmentCard.ranked(detection.labels())) {
			if (!label.instances().isEmpty()) {
				int colour = boxed++ % COLOURS;
				for (Label.Instance instance : label.instances()) {
					boxes.add(box(instance, label.name(), width, height, font, colour, placed));
				}
			}
			boolean byUser = detection.addedByUser(label.name());
			rows.add(new LabelRow(label.name(), byUser ? "yours" : AttachmentCard.percent(label.confidence()),
					String.join(", ", label.parents()), label.instances().size(), found(label.instances()), byUser));
		}
		return new AttachmentView(card, width, height, List.copyOf(boxes), List.copyOf(rows), text(detection),
				detection.edits().removed(), around);
	}

	/** "1 found, its box 97%", "5 found, boxes 62–97%". */
	static String found(List<Label.Instance> instances) {
		if (instances.isEmpty()) {
			return "";
		}
		if (instances.size() == 1) {
			return "1 found, its box " + AttachmentCard.percent(instances.get(0).confidence());
		}
		String low = AttachmentCard.percent(instances.stream().mapToDouble(Label.Instance::confidence).min().orElse(0));
		String high = AttachmentCard.percent(instances.stream().mapToDouble(Label.Instance::confidence).max().orElse(0));
		return instances.size() + " found, boxes " + (low.equals(high) ? high : low.replace("%", "") + "–" + high);
	}

	/** A caption's rectangle in image pixels. */
	private record Placed(double x, double y, double width, double height) {

		boolean overlaps(Placed other) {
			return x < other.x + other.width && other.x < x + width && y < other.y + other.height
					&& other.y < y + height;
		}
	}

	private static Box box(Label.Instance instance, String name, int width, int height, double font, int colour,
			List<Placed> placed) {
		BoundingBox box = instance.boundingBox();
		double left = clamp(box.left());
		double top = clamp(box.top());
		double x = left * width;
		double y = top * height;
		double boxWidth = clamp(Math.min(box.width(), 1 - left)) * width;
		double boxHeight = clamp(Math.min(box.height(), 1 - top)) * height;
		String caption = name + " " + AttachmentCard.percent(instance.confidence());
		Placed spot = place(caption, x, y, boxWidth, boxHeight, width, height, font, placed);
		double textX = spot == null ? x : spot.x() + font * 0.15;
		double textY = spot == null ? y : spot.y() + font * 1.0;
		return new Box(number(x), number(y), number(boxWidth), number(boxHeight), caption, number(textX), number(textY),
				colour, spot != null);
	}

	/** The first spot around the box, inside the image, clear of the captions placed so far; {@code null} if none. */
	private static Placed place(String caption, double x, double y, double boxWidth, double boxHeight, int width,
			int height, double font, List<Placed> placed) {
		double captionWidth = Math.min(width, caption.length() * CHARACTER_WIDTH * font + font * 0.3);
		double captionHeight = LINE * font;
		List<Double> tops = new ArrayList<>(List.of(y - captionHeight, y, y + boxHeight, y + boxHeight - captionHeight));
		for (int step = 1; step <= 6; step++) {
			tops.add(y - captionHeight * (step + 1));
			tops.add(y + captionHeight * step);
			tops.add(y + boxHeight + captionHeight * step);
		}
		double rightAligned = x + boxWidth - captionWidth;
		for (double top : tops) {
			for (double left : List.of(x, rightAligned)) {
				double clampedLeft = Math.max(0, Math.min(left, width - captionWidth));
				Placed candidate = new Placed(clampedLeft, top, captionWidth, captionHeight);
				if (top >= 0 && top + captionHeight <= height && placed.stream().noneMatch(candidate::overlaps)) {
					placed.add(candidate);
					return candidate;
				}
			}
		}
		return null;
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
