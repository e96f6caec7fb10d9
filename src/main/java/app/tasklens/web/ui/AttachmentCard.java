package app.tasklens.web.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentStatus;
import app.tasklens.labeling.Label;
import app.tasklens.labeling.ImageLabels;

/**
 * One image of a task as its card shows it: the thumbnail, where labeling is, and the first labels as
 * badges (the viewer lists them all). Methods the templates call are public: SpEL invokes only public
 * methods.
 *
 * @param labels the first {@value #BADGES} labels in {@linkplain #ranked ranked} order; empty unless LABELED
 * @param moreLabels how many labels the badges leave out
 */
record AttachmentCard(String id, String taskId, String filename, AttachmentStatus status, String error,
		Integer width, Integer height, List<Badge> labels, int moreLabels) {

	/** Enough to say what is in the picture and still fit a phone's width in two lines. */
	static final int BADGES = 4;

	/**
	 * A label's name and its confidence as a whole percentage, rounded down so 99.6 never reads as certain;
	 * a label the user added says so instead of a percentage.
	 */
	record Badge(String name, String confidence, boolean byUser) {

		static Badge of(Label label, ImageLabels labels) {
			boolean byUser = labels.addedByUser(label.name());
			return new Badge(label.name(), byUser ? "yours" : percent(label.confidence()), byUser);
		}
	}

	/** @param labels the attachment's labels, or {@code null} when it has none */
	static AttachmentCard of(Attachment attachment, ImageLabels labels) {
		List<Label> all = attachment.status() == AttachmentStatus.LABELED && labels != null
				? ranked(labels.labels()) : List.of();
		return new AttachmentCard(attachment.id(), attachment.taskId(), attachment.filename(), attachment.status(),
				attachment.error(), attachment.width(), attachment.height(),
				all.stream().limit(BADGES).map(label -> Badge.of(label, labels)).toList(),
				Math.max(0, all.size() - BADGES));
	}

	/**
	 * Labels strongest first, except that a parent waits behind the rest when a label it generalises is
	 * already shown: parents come as labels of their own, as confident as their child, so by confidence
	 * alone a photo of a dog and a bicycle would read "Dog, Canine, Carnivore, Mammal" and hide the bicycle.
	 * A parent still comes first when its child is less sure (Dog 95 % before Malamute 68 %).
	 */
	static List<Label> ranked(List<Label> labels) {
		Set<String> parents = labels.stream().flatMap(label -> label.parents().stream()).collect(Collectors.toSet());
		List<Label> byConfidence = labels.stream()
			.sorted(Comparator.comparingDouble(Label::confidence)
				.reversed()
				.thenComparing(label -> parents.contains(label.name())))
			.toList();
		List<Label> first = new ArrayList<>();
		List<Label> later = new ArrayList<>();
		Set<String> generalised = new HashSet<>();
		for (Label label : byConfidence) {
			if (generalised.contains(label.name())) {
				later.add(label);
			}
			else {
				first.add(label);
				generalised.addAll(label.parents());
			}
		}
		first.addAll(later);
		return List.copyOf(first);
	}

	static String percent(double confidence) {
		return String.format(Locale.ROOT, "%d%%", (long) Math.floor(confidence));
	}

	/** Whether the image is stored, so that it can be shown. */
	public boolean hasImage() {
		return status != AttachmentStatus.PENDING_UPLOAD && status != AttachmentStatus.REJECTED;
	}

	/** The bytes never arrived: an upload that is still running elsewhere or was abandoned. */
	public boolean waitingForUpload() {
		return status == AttachmentStatus.PENDING_UPLOAD;
	}

	public boolean detecting() {
		return status == AttachmentStatus.UPLOADED || status == AttachmentStatus.LABELING;
	}

	/** Waiting for the server's models: labeling is paused. */
	public boolean paused() {
		return status == AttachmentStatus.PENDING_MODEL;
	}

	public boolean labeled() {
		return status == AttachmentStatus.LABELED;
	}

	public boolean failed() {
		return status == AttachmentStatus.FAILED;
	}

	/** What arrived was not an acceptable image; {@code error} says why. */
	public boolean rejected() {
		return status == AttachmentStatus.REJECTED;
	}

	/**
	 * For the card's class: {@code is-unfinished}, {@code is-detecting}, {@code is-paused}, {@code is-labeled},
	 * {@code is-failed}.
	 */
	public String state() {
		return switch (status) {
			case PENDING_UPLOAD -> "is-unfinished";
			case UPLOADED, LABELING -> "is-detecting";
			case PENDING_MODEL -> "is-paused";
			case LABELED -> "is-labeled";
			case FAILED, REJECTED -> "is-failed";
		};
	}
}
