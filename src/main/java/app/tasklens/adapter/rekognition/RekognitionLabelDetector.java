package app.tasklens.adapter.rekognition;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.AccessDeniedException;
import software.amazon.awssdk.services.rekognition.model.DetectLabelsFeatureName;
import software.amazon.awssdk.services.rekognition.model.DetectLabelsImageProperties;
import software.amazon.awssdk.services.rekognition.model.DetectLabelsResponse;
import software.amazon.awssdk.services.rekognition.model.DetectTextResponse;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.rekognition.model.ImageTooLargeException;
import software.amazon.awssdk.services.rekognition.model.InternalServerErrorException;
import software.amazon.awssdk.services.rekognition.model.InvalidImageFormatException;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.InvalidS3ObjectException;
import software.amazon.awssdk.services.rekognition.model.LimitExceededException;
import software.amazon.awssdk.services.rekognition.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;
import software.amazon.awssdk.services.rekognition.model.ThrottlingException;

import app.tasklens.attachment.ImageHeader;
import app.tasklens.attachment.InvalidImageException;
import app.tasklens.labeling.BoundingBox;
import app.tasklens.labeling.DetectOptions;
import app.tasklens.labeling.DetectorUnavailableException;
import app.tasklens.labeling.ImageProperties;
import app.tasklens.labeling.Label;
import app.tasklens.labeling.LabelDetection;
import app.tasklens.labeling.LabelDetector;
import app.tasklens.labeling.StoredImage;
import app.tasklens.labeling.TextDetection;
import app.tasklens.labeling.UnreadableImageException;

/**
 * Amazon Rekognition's DetectLabels (with image properties) and DetectText, mapped to the same
 * {@link LabelDetection} the on-box detector makes. Uploads are read by Rekognition from the bucket
 * ({@code Image.S3Object}, up to 15 MB); only images posted to be labeled at once are sent as bytes (5 MB).
 *
 * <p>Errors: throttling and Rekognition's own failures are {@link DetectorUnavailableException} (the caller
 * tries again later; the SDK has already retried a few times); an image Rekognition cannot read is
 * {@link UnreadableImageException} (FAILED at once, with Rekognition's reason).
 */
class RekognitionLabelDetector implements LabelDetector {

	/** Rekognition's limit on {@code Image.Bytes}. */
	static final int MAX_BYTES = 5 * 1024 * 1024;

	private final RekognitionClient client;
	private final String bucket;

	RekognitionLabelDetector(RekognitionClient client, String bucket) {
		this.client = client;
		this.bucket = bucket;
	}

	@Override
	public LabelDetection detect(byte[] image, DetectOptions options) {
		if (image.length > MAX_BYTES) {
			throw new UnreadableImageException("Amazon Rekognition takes images of at most 5 MB when they are sent"
					+ " directly; this one has " + image.length + " bytes");
		}
		ImageHeader header;
		try {
			header = ImageHeader.verify(new ByteArrayInputStream(image));
		}
		catch (InvalidImageException | IOException ex) {
			throw new UnreadableImageException(ex.getMessage(), ex);
		}
		return detect(Image.builder().bytes(SdkBytes.fromByteArray(image)).build(), header.type().name(),
				header.displayWidth(), header.displayHeight(), options);
	}

	@Override
	public LabelDetection detect(StoredImage image, DetectOptions options) {
		if (bucket == null) {
			return detect(image.bytes().get(), options);
		}
		return detect(Image.builder().s3Object(object -> object.bucket(bucket).name(image.key())).build(), image.format(),
				image.width(), image.height(), options);
	}

	@Override
	public String modelVersion() {
		return "rekognition";
	}

	private LabelDetection detect(Image image, String format, int width, int height, DetectOptions options) {
		try {
			DetectLabelsResponse labels = client.detectLabels(request -> request.image(image)
				.maxLabels(options.maxLabels())
				.minConfidence((float) options.minConfidence())
				.features(DetectLabelsFeatureName.GENERAL_LABELS, DetectLabelsFeatureName.IMAGE_PROPERTIES)
				.settings(settings -> settings.generalLabels(filters -> filters
					.labelInclusionFilters(options.includeLabels().isEmpty() ? null : options.includeLabels())
					.labelExclusionFilters(options.excludeLabels().isEmpty() ? null : options.excludeLabels())
					.labelCategoryInclusionFilters(options.includeCategories().isEmpty() ? null : options.includeCategories())
					.labelCategoryExclusionFilters(options.excludeCategories().isEmpty() ? null : options.excludeCategories()))));
			List<TextDetection> texts = List.of();
			if (options.detectText()) {
				DetectTextResponse text = client.detectText(request -> request.image(image)
					.filters(filters -> filters.wordFilter(words -> words.minConfidence((float) options.minConfidence()))));
				texts = text.textDetections().stream().map(RekognitionLabelDetector::text).toList();
			}
			return new LabelDetection(labels.labels().stream().map(RekognitionLabelDetector::label).toList(), texts,
					properties(labels.imageProperties(), format, width, height),
					"rekognition-" + (labels.labelModelVersion() == null ? "unknown" : labels.labelModelVersion()));
		}
		catch (ThrottlingException | ProvisionedThroughputExceededException | LimitExceededException ex) {
			throw new DetectorUnavailableException("Amazon Rekognition is throttling requests ("
					+ ex.awsErrorDetails().errorCode() + "); labeling is tried again later", ex);
		}
		catch (InternalServerErrorException ex) {
			throw new DetectorUnavailableException("Amazon Rekognition failed (" + ex.awsErrorDetails().errorCode()
					+ "); labeling is tried again later", ex);
		}
		catch (InvalidImageFormatException | ImageTooLargeException | InvalidS3ObjectException
				| InvalidParameterException ex) {
			throw new UnreadableImageException("Amazon Rekognition cannot label this image ("
					+ ex.awsErrorDetails().errorCode() + "): " + ex.awsErrorDetails().errorMessage(), ex);
		}
		catch (AccessDeniedException ex) {
			throw new DetectorUnavailableException("Tasklens may not call Amazon Rekognition or read the image from"
					+ " bucket " + bucket + ": give its role RekognitionDetectOnlyPolicy and s3:GetObject (" + ex.getMessage()
					+ ")", ex);
		}
		catch (RekognitionException ex) {
			throw new DetectorUnavailableException("Amazon Rekognition refused the request ("
					+ ex.awsErrorDetails().errorCode() + "): " + ex.awsErrorDetails().errorMessage(), ex);
		}
		catch (SdkClientException ex) {
			throw new DetectorUnavailableException("cannot reach Amazon Rekognition: " + ex.getMessage(), ex);
		}
	}

	private static Label label(software.amazon.awssdk.services.rekognition.model.Label label) {
		return new Label(label.name(), label.confidence(),
				label.instances().stream()
					.filter(instance -> instance.boundingBox() != null)
					.map(instance -> new Label.Instance(box(instance.boundingBox()),
							instance.confidence() == null ? label.confidence() : instance.confidence()))
					.toList(),
				label.parents().stream().map(parent -> parent.name()).toList(),
				label.aliases().stream().map(alias -> alias.name()).toList(),
				label.categories().stream().map(category -> category.name()).toList());
	}

	private static TextDetection text(software.amazon.awssdk.services.rekognition.model.TextDetection text) {
		return new TextDetection(text.detectedText(), TextDetection.Type.valueOf(text.typeAsString()), text.id(),
				text.parentId(), text.confidence(),
				new TextDetection.Geometry(box(text.geometry().boundingBox()),
						text.geometry().polygon().stream().map(p -> new TextDetection.Point(p.x(), p.y())).toList()));
	}

	private static BoundingBox box(software.amazon.awssdk.services.rekognition.model.BoundingBox box) {
		return new BoundingBox(box.left(), box.top(), box.width(), box.height());
	}

	private static ImageProperties properties(DetectLabelsImageProperties properties, String format, int width, int height) {
		if (properties == null) {
			return null;
		}
		var quality = properties.quality();
		return new ImageProperties(width, height, format,
				quality == null ? new ImageProperties.Quality(0, 0, 0)
						: new ImageProperties.Quality(quality.brightness(), quality.sharpness(), quality.contrast()),
				properties.dominantColors().stream()
					.map(color -> new ImageProperties.DominantColor(color.hexCode().toLowerCase(java.util.Locale.ROOT),
							color.simplifiedColor(), color.pixelPercent()))
					.toList());
	}
}
