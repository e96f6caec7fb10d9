package app.tasklens.labeling;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A {@link LabelDetection} in the JSON shape of Amazon Rekognition's DetectLabels response (PascalCase),
 * plus {@code Image} (what was labeled) and {@code TextDetections} (DetectText's shape). Printed by
 * {@code ./tasklens label} and returned by {@code POST /api/detect-labels}, so clients written for
 * Rekognition read it unchanged.
 */
@JsonPropertyOrder({ "Image", "Labels", "TextDetections", "ImageProperties", "LabelModelVersion" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DetectLabelsResponse(
		@JsonProperty("Image") String image,
		@JsonProperty("Labels") List<LabelJson> labels,
		@JsonProperty("TextDetections") List<TextJson> textDetections,
		@JsonProperty("ImageProperties") PropertiesJson imageProperties,
		@JsonProperty("LabelModelVersion") String labelModelVersion) {

	public static DetectLabelsResponse of(String image, LabelDetection detection) {
		List<LabelJson> labels = detection.labels().stream().map(LabelJson::of).toList();
		List<TextJson> texts = detection.textDetections().stream().map(TextJson::of).toList();
		ImageProperties properties = detection.imageProperties();
		PropertiesJson propertiesJson = properties == null ? null
				: new PropertiesJson(
						new QualityJson(properties.quality().brightness(), properties.quality().sharpness(),
								properties.quality().contrast()),
						properties.dominantColors().stream().map(ColorJson::of).toList());
		return new DetectLabelsResponse(image, labels, texts, propertiesJson, detection.labelModelVersion());
	}

	@JsonPropertyOrder({ "Name", "Confidence", "Instances", "Parents", "Aliases", "Categories" })
	public record LabelJson(
			@JsonProperty("Name") String name,
			@JsonProperty("Confidence") double confidence,
			@JsonProperty("Instances") List<InstanceJson> instances,
			@JsonProperty("Parents") List<NameJson> parents,
			@JsonProperty("Aliases") List<NameJson> aliases,
			@JsonProperty("Categories") List<NameJson> categories) {

		static LabelJson of(Label label) {
			return new LabelJson(label.name(), round(label.confidence()),
					label.instances().stream()
						.map(i -> new InstanceJson(BoxJson.of(i.boundingBox()), round(i.confidence())))
						.toList(),
					names(label.parents()), names(label.aliases()), names(label.categories()));
		}
	}

	@JsonPropertyOrder({ "BoundingBox", "Confidence" })
	public record InstanceJson(
			@JsonProperty("BoundingBox") BoxJson boundingBox,
			@JsonProperty("Confidence") double confidence) {
	}

	@JsonPropertyOrder({ "Width", "Height", "Left", "Top" })
	public record BoxJson(
			@JsonProperty("Width") double width,
			@JsonProperty("Height") double height,
			@JsonProperty("Left") double left,
			@JsonProperty("Top") double top) {

		static BoxJson of(BoundingBox box) {
			return new BoxJson(ratio(box.width()), ratio(box.height()), ratio(box.left()), ratio(box.top()));
		}
	}

	public record NameJson(@JsonProperty("Name") String name) {
	}

	@JsonPropertyOrder({ "DetectedText", "Type", "Id", "ParentId", "Confidence", "Geometry" })
	public record TextJson(
			@JsonProperty("DetectedText") String detectedText,
			@JsonProperty("Type") String type,
			@JsonProperty("Id") int id,
			@JsonProperty("ParentId") Integer parentId,
			@JsonProperty("Confidence") double confidence,
			@JsonProperty("Geometry") GeometryJson geometry) {

		static TextJson of(TextDetection text) {
			return new TextJson(text.detectedText(), text.type().name(), text.id(), text.parentId(),
					round(text.confidence()),
					new GeometryJson(BoxJson.of(text.geometry().boundingBox()),
							text.geometry().polygon().stream().map(p -> new PointJson(ratio(p.x()), ratio(p.y()))).toList()));
		}
	}

	@JsonPropertyOrder({ "BoundingBox", "Polygon" })
	public record GeometryJson(
			@JsonProperty("BoundingBox") BoxJson boundingBox,
			@JsonProperty("Polygon") List<PointJson> polygon) {
	}

	public record PointJson(@JsonProperty("X") double x, @JsonProperty("Y") double y) {
	}

	@JsonPropertyOrder({ "Quality", "DominantColors" })
	public record PropertiesJson(
			@JsonProperty("Quality") QualityJson quality,
			@JsonProperty("DominantColors") List<ColorJson> dominantColors) {
	}

	@JsonPropertyOrder({ "Brightness", "Sharpness", "Contrast" })
	public record QualityJson(
			@JsonProperty("Brightness") double brightness,
			@JsonProperty("Sharpness") double sharpness,
			@JsonProperty("Contrast") double contrast) {

		public QualityJson {
			brightness = round(brightness);
			sharpness = round(sharpness);
			contrast = round(contrast);
		}
	}

	@JsonPropertyOrder({ "Red", "Green", "Blue", "HexCode", "SimplifiedColor", "PixelPercent" })
	public record ColorJson(
			@JsonProperty("Red") int red,
			@JsonProperty("Green") int green,
			@JsonProperty("Blue") int blue,
			@JsonProperty("HexCode") String hexCode,
			@JsonProperty("SimplifiedColor") String simplifiedColor,
			@JsonProperty("PixelPercent") double pixelPercent) {

		static ColorJson of(ImageProperties.DominantColor color) {
			int rgb = Integer.parseInt(color.hexCode().substring(1), 16);
			return new ColorJson(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff, color.hexCode(),
					color.simplifiedColor(), round(color.pixelPercent()));
		}
	}

	private static List<NameJson> names(List<String> names) {
		return names.stream().map(NameJson::new).toList();
	}

	/** Confidences and percentages with three decimals, as Rekognition prints them roughly. */
	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	/** Box ratios with six decimals: sub-pixel on any image this app accepts. */
	private static double ratio(double value) {
		return Math.round(value * 1_000_000) / 1_000_000.0;
	}
}
