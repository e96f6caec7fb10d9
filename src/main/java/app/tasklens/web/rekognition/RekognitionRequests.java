package app.tasklens.web.rekognition;

import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import app.tasklens.labeling.BoundingBox;
import app.tasklens.labeling.DetectOptions;
import app.tasklens.labeling.TextDetection;

/**
 * The request bodies of DetectLabels and DetectText, read as Rekognition's API reference names and bounds
 * their fields; a field out of its bounds is {@code InvalidParameterException}, as Rekognition answers it.
 */
final class RekognitionRequests {

	/** Rekognition's limit for {@code Image.Bytes}, decoded (an S3 object may have 15 MB). */
	static final int MAX_IMAGE_BYTES = 5 * 1024 * 1024;

	private RekognitionRequests() {
	}

	/** {@code Image}: bytes in the request, or an object of the store. */
	sealed interface ImageSource permits Bytes, S3Object {
	}

	record Bytes(byte[] bytes) implements ImageSource {
	}

	/** {@code Bucket} stands for a user's images, {@code Name} is an attachment id. */
	record S3Object(String bucket, String name) implements ImageSource {
	}

	record DetectLabels(ImageSource image, DetectOptions options, boolean generalLabels, boolean imageProperties,
			int maxDominantColors) {
	}

	record DetectText(ImageSource image, WordFilter wordFilter, List<BoundingBox> regions) {

		/**
		 * What the filters keep: words that pass the word filter, and lines with at least one such word; with
		 * regions of interest, only text whose box lies at least half inside one of them (Rekognition's rule).
		 * A region given as a polygon counts as the box around it.
		 */
		List<TextDetection> keep(List<TextDetection> found) {
			Set<Integer> lines = new HashSet<>();
			Set<Integer> linesWithWords = new HashSet<>();
			for (TextDetection text : found) {
				if (text.type() == TextDetection.Type.LINE && inRegions(text)) {
					lines.add(text.id());
				}
				if (text.type() == TextDetection.Type.WORD && text.parentId() != null) {
					linesWithWords.add(text.parentId());
				}
			}
			Set<Integer> words = new HashSet<>();
			Set<Integer> linesKeptByWords = new HashSet<>();
			for (TextDetection text : found) {
				if (text.type() == TextDetection.Type.WORD && passes(text)
						&& (text.parentId() == null || lines.contains(text.parentId()))) {
					words.add(text.id());
					linesKeptByWords.add(text.parentId());
				}
			}
			return found.stream()
				.filter(text -> text.type() == TextDetection.Type.WORD ? words.contains(text.id())
						: lines.contains(text.id())
								&& (linesKeptByWords.contains(text.id()) || !linesWithWords.contains(text.id())))
				.toList();
		}

		private boolean passes(TextDetection word) {
			BoundingBox box = word.geometry().boundingBox();
			return word.confidence() >= wordFilter.minConfidence() && box.height() >= wordFilter.minBoxHeight()
					&& box.width() >= wordFilter.minBoxWidth() && inRegions(word);
		}

		private boolean inRegions(TextDetection text) {
			if (regions.isEmpty()) {
				return true;
			}
			BoundingBox box = text.geometry().boundingBox();
			double area = box.width() * box.height();
			for (BoundingBox region : regions) {
				double width = Math.min(box.left() + box.width(), region.left() + region.width())
						- Math.max(box.left(), region.left());
				double height = Math.min(box.top() + box.height(), region.top() + region.height())
						- Math.max(box.top(), region.top());
				if (width > 0 && height > 0 && (area == 0 || width * height >= area / 2)) {
					return true;
				}
			}
			return false;
		}
	}

	/** DetectText's {@code Filters.WordFilter}: what a word must reach to be kept. */
	record WordFilter(double minConfidence, double minBoxHeight, double minBoxWidth) {
		static final WordFilter NONE = new WordFilter(0, 0, 0);
	}

	static DetectLabels detectLabels(JsonNode body) {
		ImageSource image = image(body);
		int maxLabels = integer(body, "MaxLabels", 0, Integer.MAX_VALUE, 1000);
		double minConfidence = percent(body, "MinConfidence", DetectOptions.DEFAULT_MIN_CONFIDENCE);
		Set<String> features = new HashSet<>();
		JsonNode list = body.path("Features");
		if (!list.isMissingNode() && !list.isNull()) {
			if (!list.isArray() || list.size() > 2) {
				throw RekognitionError.invalidParameter("Features must be a list of at most 2 features");
			}
			for (JsonNode feature : list) {
				String name = feature.isString() ? feature.asString() : "";
				if (!name.equals("GENERAL_LABELS") && !name.equals("IMAGE_PROPERTIES")) {
					throw RekognitionError.invalidParameter("Features must be GENERAL_LABELS or IMAGE_PROPERTIES, not "
							+ feature);
				}
				features.add(name);
			}
		}
		else {
			features.add("GENERAL_LABELS");
		}
		JsonNode settings = object(body, "Settings");
		JsonNode general = object(settings, "GeneralLabels");
		JsonNode properties = object(settings, "ImageProperties");
		if (!general.isMissingNode() && !features.contains("GENERAL_LABELS")) {
			throw RekognitionError.invalidParameter("Settings.GeneralLabels needs the feature GENERAL_LABELS");
		}
		if (!properties.isMissingNode() && !features.contains("IMAGE_PROPERTIES")) {
			throw RekognitionError.invalidParameter("Settings.ImageProperties needs the feature IMAGE_PROPERTIES");
		}
		int maxColors = integer(properties, "MaxDominantColors", 0, 20, 10);
		DetectOptions options;
		try {
			options = new DetectOptions(Math.max(1, maxLabels), minConfidence, false,
					names(general, "LabelInclusionFilters"), names(general, "LabelExclusionFilters"),
					names(general, "LabelCategoryInclusionFilters"), names(general, "LabelCategoryExclusionFilters"));
		}
		catch (IllegalArgumentException ex) {
			throw RekognitionError.invalidParameter(ex.getMessage());
		}
		// MaxLabels 0 asks for no labels at all (the image properties may still be wanted).
		return new DetectLabels(image, options, features.contains("GENERAL_LABELS") && maxLabels > 0,
				features.contains("IMAGE_PROPERTIES"), maxColors);
	}

	static DetectText detectText(JsonNode body) {
		ImageSource image = image(body);
		JsonNode filters = object(body, "Filters");
		JsonNode word = object(filters, "WordFilter");
		WordFilter wordFilter = word.isMissingNode() ? WordFilter.NONE
				: new WordFilter(percent(word, "MinConfidence", 0), ratio(word, "MinBoundingBoxHeight"),
						ratio(word, "MinBoundingBoxWidth"));
		List<BoundingBox> regions = new java.util.ArrayList<>();
		JsonNode list = filters.path("RegionsOfInterest");
		if (!list.isMissingNode() && !list.isNull()) {
			if (!list.isArray() || list.size() > 10) {
				throw RekognitionError.invalidParameter("Filters.RegionsOfInterest must be a list of at most 10 regions");
			}
			for (JsonNode region : list) {
				regions.add(region(region));
			}
		}
		return new DetectText(image, wordFilter, List.copyOf(regions));
	}

	/** A region's {@code BoundingBox}, or the box around its {@code Polygon}. */
	private static BoundingBox region(JsonNode region) {
		JsonNode box = object(region, "BoundingBox");
		if (!box.isMissingNode()) {
			return new BoundingBox(number(box, "Left"), number(box, "Top"), number(box, "Width"), number(box, "Height"));
		}
		JsonNode polygon = region.path("Polygon");
		if (!polygon.isArray() || polygon.size() < 3) {
			throw RekognitionError.invalidParameter("a region of interest needs a BoundingBox or a Polygon of 3 points or more");
		}
		double left = 1, top = 1, right = 0, bottom = 0;
		for (JsonNode point : polygon) {
			double x = number(point, "X");
			double y = number(point, "Y");
			left = Math.min(left, x);
			right = Math.max(right, x);
			top = Math.min(top, y);
			bottom = Math.max(bottom, y);
		}
		return new BoundingBox(left, top, Math.max(0, right - left), Math.max(0, bottom - top));
	}

	private static ImageSource image(JsonNode body) {
		JsonNode image = body.path("Image");
		if (!image.isObject()) {
			throw RekognitionError.invalidParameter("Image is required");
		}
		JsonNode bytes = image.path("Bytes");
		JsonNode s3 = image.path("S3Object");
		boolean hasBytes = !bytes.isMissingNode() && !bytes.isNull();
		boolean hasS3 = !s3.isMissingNode() && !s3.isNull();
		if (hasBytes == hasS3) {
			throw RekognitionError.invalidParameter("Image must have either Bytes or S3Object");
		}
		if (hasBytes) {
			if (!bytes.isString()) {
				throw RekognitionError.invalidParameter("Image.Bytes must be base64");
			}
			String text = bytes.asString();
			// Base64 of 5 MB: refused before decoding.
			if (text.length() > (MAX_IMAGE_BYTES + 2) / 3 * 4) {
				throw RekognitionError.imageTooLarge("Image.Bytes may have at most " + MAX_IMAGE_BYTES + " bytes");
			}
			byte[] decoded;
			try {
				decoded = Base64.getDecoder().decode(text);
			}
			catch (IllegalArgumentException ex) {
				throw RekognitionError.invalidParameter("Image.Bytes is not base64");
			}
			if (decoded.length == 0) {
				throw RekognitionError.invalidParameter("Image.Bytes must not be empty");
			}
			if (decoded.length > MAX_IMAGE_BYTES) {
				throw RekognitionError.imageTooLarge("Image.Bytes may have at most " + MAX_IMAGE_BYTES + " bytes");
			}
			return new Bytes(decoded);
		}
		String bucket = s3.path("Bucket").isString() ? s3.path("Bucket").asString() : "";
		String name = s3.path("Name").isString() ? s3.path("Name").asString() : "";
		if (bucket.length() < 3 || bucket.length() > 255 || !bucket.matches("[0-9A-Za-z.\\-_]*")) {
			throw RekognitionError.invalidParameter("Image.S3Object.Bucket must be 3–255 letters, digits, '.', '-' or '_'");
		}
		if (name.isEmpty() || name.length() > 1024) {
			throw RekognitionError.invalidParameter("Image.S3Object.Name must have 1–1024 characters");
		}
		return new S3Object(bucket, name);
	}

	private static JsonNode object(JsonNode parent, String name) {
		JsonNode node = parent.path(name);
		if (node.isMissingNode() || node.isNull()) {
			return tools.jackson.databind.node.MissingNode.getInstance();
		}
		if (!node.isObject()) {
			throw RekognitionError.invalidParameter(name + " must be an object");
		}
		return node;
	}

	private static int integer(JsonNode parent, String name, int min, int max, int absent) {
		JsonNode node = parent.path(name);
		if (node.isMissingNode() || node.isNull()) {
			return absent;
		}
		if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
			throw RekognitionError.invalidParameter(name + " must be a whole number from " + min
					+ (max == Integer.MAX_VALUE ? " on" : " to " + max));
		}
		return node.intValue();
	}

	private static double percent(JsonNode parent, String name, double absent) {
		JsonNode node = parent.path(name);
		if (node.isMissingNode() || node.isNull()) {
			return absent;
		}
		if (!node.isNumber() || node.doubleValue() < 0 || node.doubleValue() > 100) {
			throw RekognitionError.invalidParameter(name + " must be a number from 0 to 100");
		}
		return node.doubleValue();
	}

	private static double ratio(JsonNode parent, String name) {
		JsonNode node = parent.path(name);
		if (node.isMissingNode() || node.isNull()) {
			return 0;
		}
		if (!node.isNumber() || node.doubleValue() < 0 || node.doubleValue() > 1) {
			throw RekognitionError.invalidParameter(name + " must be a number from 0 to 1");
		}
		return node.doubleValue();
	}

	private static double number(JsonNode parent, String name) {
		JsonNode node = parent.path(name);
		if (!node.isNumber()) {
			throw RekognitionError.invalidParameter(name + " must be a number");
		}
		return node.doubleValue();
	}

	private static Set<String> names(JsonNode parent, String name) {
		JsonNode list = parent.path(name);
		if (list.isMissingNode() || list.isNull()) {
			return Set.of();
		}
		if (!list.isArray() || list.size() > 100) {
			throw RekognitionError.invalidParameter(name + " must be a list of at most 100 names");
		}
		Set<String> names = new HashSet<>();
		for (JsonNode item : list) {
			if (!item.isString() || item.asString().isBlank()) {
				throw RekognitionError.invalidParameter(name + " must list names");
			}
			names.add(item.asString().strip());
		}
		return names;
	}
}
