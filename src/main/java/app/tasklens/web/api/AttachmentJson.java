package app.tasklens.web.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentStatus;
import app.tasklens.labeling.ImageLabels;
import app.tasklens.labeling.ImageProperties;
import app.tasklens.labeling.Label;
import app.tasklens.labeling.TextDetection;

/**
 * An attachment as the API shows it. {@code labels} and {@code textDetections} are empty until the
 * status is LABELED; {@code labels} are those the user sees (the detector's, less those the user removed,
 * plus those the user added: {@code addedByUser}), and {@code removedLabels} the names the user removed, which
 * labeling the image again keeps out; {@code error} is set when FAILED or REJECTED, and says that labeling is
 * paused when PENDING_MODEL. Links point into the chain the request came
 * through: {@code /api/…} for bearer tokens, {@code /…} for the web UI's session.
 */
record AttachmentJson(
		String id,
		String taskId,
		String filename,
		String contentType,
		Long size,
		Integer width,
		Integer height,
		AttachmentStatus status,
		String error,
		List<LabelJson> labels,
		List<String> removedLabels,
		List<TextDetection> textDetections,
		@JsonInclude(JsonInclude.Include.NON_NULL) ImageProperties imageProperties,
		@JsonInclude(JsonInclude.Include.NON_NULL) String labelModelVersion,
		Instant createdAt,
		Instant updatedAt,
		Links links) {

	/** @param base {@code "/api"} or {@code ""} */
	/** @param labels the attachment's labels, or {@code null} when it has none */
	static AttachmentJson of(Attachment attachment, ImageLabels labels, String base) {
		boolean labeled = labels != null && attachment.status() == AttachmentStatus.LABELED;
		boolean detected = labeled && labels.detection() != null;
		String self = base + "/tasks/" + attachment.taskId() + "/attachments/" + attachment.id();
		return new AttachmentJson(attachment.id(), attachment.taskId(), attachment.filename(),
				attachment.type().mediaType(), attachment.size(), attachment.width(), attachment.height(),
				attachment.status(), attachment.error(), labeled ? LabelJson.of(labels) : List.of(),
				labels == null ? List.of() : labels.edits().removed(),
				labeled ? labels.textDetections() : List.of(), detected ? labels.detection().imageProperties() : null,
				detected ? labels.detection().labelModelVersion() : null, attachment.createdAt(), attachment.updatedAt(),
				new Links(self, attachment.hasImage() ? self + "/content" : null,
						attachment.hasImage() ? self + "/thumbnail" : null, self + "/relabel", self + "/complete",
						self + "/labels"));
	}

	/** @param labels where a label is added ({@code POST}) and, with its name after a slash, removed ({@code DELETE}) */
	record Links(String self, String content, String thumbnail, String relabel, String complete, String labels) {
	}

	/**
	 * A label in the order the issue lists its fields; instances carry a box and their own confidence.
	 * {@code addedByUser}: the user added it by hand (confidence 100).
	 */
	record LabelJson(String name, double confidence, List<String> parents, List<String> categories,
			List<Label.Instance> instances, List<String> aliases, boolean addedByUser) {

		static List<LabelJson> of(ImageLabels labels) {
			return labels.labels().stream()
				.map(label -> new LabelJson(label.name(), label.confidence(), label.parents(), label.categories(),
						label.instances(), label.aliases(), labels.addedByUser(label.name())))
				.toList();
		}
	}
}
