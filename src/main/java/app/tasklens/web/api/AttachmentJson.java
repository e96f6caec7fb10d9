package app.tasklens.web.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentStatus;
import app.tasklens.labeling.ImageProperties;
import app.tasklens.labeling.Label;
import app.tasklens.labeling.LabelDetection;
import app.tasklens.labeling.TextDetection;

/**
 * An attachment as the API shows it. {@code labels} and {@code textDetections} are empty until the
 * status is LABELED; {@code error} is set when FAILED or REJECTED, and says that labeling is paused when
 * PENDING_MODEL. Links point into the chain the request came
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
		List<TextDetection> textDetections,
		@JsonInclude(JsonInclude.Include.NON_NULL) ImageProperties imageProperties,
		@JsonInclude(JsonInclude.Include.NON_NULL) String labelModelVersion,
		Instant createdAt,
		Instant updatedAt,
		Links links) {

	/** @param base {@code "/api"} or {@code ""} */
	static AttachmentJson of(Attachment attachment, LabelDetection detection, String base) {
		boolean labeled = detection != null && attachment.status() == AttachmentStatus.LABELED;
		String self = base + "/tasks/" + attachment.taskId() + "/attachments/" + attachment.id();
		return new AttachmentJson(attachment.id(), attachment.taskId(), attachment.filename(),
				attachment.type().mediaType(), attachment.size(), attachment.width(), attachment.height(),
				attachment.status(), attachment.error(), labeled ? LabelJson.of(detection.labels()) : List.of(),
				labeled ? detection.textDetections() : List.of(), labeled ? detection.imageProperties() : null,
				labeled ? detection.labelModelVersion() : null, attachment.createdAt(), attachment.updatedAt(),
				new Links(self, attachment.hasImage() ? self + "/content" : null,
						attachment.hasImage() ? self + "/thumbnail" : null, self + "/relabel", self + "/complete"));
	}

	record Links(String self, String content, String thumbnail, String relabel, String complete) {
	}

	/** A label in the order the issue lists its fields; instances carry a box and their own confidence. */
	record LabelJson(String name, double confidence, List<String> parents, List<String> categories,
			List<Label.Instance> instances, List<String> aliases) {

		static List<LabelJson> of(List<Label> labels) {
			return labels.stream()
				.map(label -> new LabelJson(label.name(), label.confidence(), label.parents(), label.categories(),
						label.instances(), label.aliases()))
				.toList();
		}
	}
}
