package app.tasklens.web.rekognition;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.tasklens.account.AccessKeyService;
import app.tasklens.account.User;
import app.tasklens.account.Users;
import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.AttachmentUploads;
import app.tasklens.attachment.Attachments;
import app.tasklens.attachment.ImageTooLargeException;
import app.tasklens.attachment.InvalidImageException;
import app.tasklens.attachment.ObjectStore;
import app.tasklens.decoding.ImageTooLargeToDecodeException;
import app.tasklens.labeling.DetectLabelsResponse;
import app.tasklens.labeling.DetectOptions;
import app.tasklens.labeling.DetectorUnavailableException;
import app.tasklens.labeling.LabelDetection;
import app.tasklens.labeling.LabelDetector;
import app.tasklens.labeling.UnreadableImageException;
import app.tasklens.web.InferenceAdmission;

/**
 * Amazon Rekognition's DetectLabels and DetectText over its own wire protocol (AWS JSON 1.1 on {@code POST /}
 * or under {@code /rekognition/}, the operation in {@code X-Amz-Target}), signed with a Tasklens access key
 * (Signature Version 4, service {@code rekognition}, any region), so that Rekognition's SDKs and CLI work
 * against it with an endpoint URL.
 *
 * <p>The order is cheapest refusal first: the Authorization header's claim and the key (nothing read yet),
 * a place in the shared {@link InferenceAdmission} gate (before the body is read), the body up to its
 * bound, the signature over it, the key's rate, and only then the image.
 */
@Hidden
@RestController
@EnableConfigurationProperties(RekognitionEndpointSettings.class)
class RekognitionEndpoint {

	static final String SERVICE = "rekognition";
	static final String CONTENT_TYPE = "application/x-amz-json-1.1";
	/** Base64 of 5 MB of image bytes, and room for the other fields. */
	static final int MAX_BODY = (RekognitionRequests.MAX_IMAGE_BYTES + 2) / 3 * 4 + 64 * 1024;

	private static final Logger log = LoggerFactory.getLogger(RekognitionEndpoint.class);

	private final AccessKeyService keys;
	private final Users users;
	private final Attachments attachments;
	private final ObjectStore store;
	private final AttachmentUploads uploads;
	private final LabelDetector detector;
	private final InferenceAdmission admission;
	private final KeyRateLimit rateLimit;
	private final int requestsPerSecond;
	private final JsonMapper json;
	private final Clock clock;

	RekognitionEndpoint(AccessKeyService keys, Users users, Attachments attachments, ObjectStore store,
			AttachmentUploads uploads, LabelDetector detector, InferenceAdmission admission,
			RekognitionEndpointSettings settings, JsonMapper json, Clock clock) {
		this.keys = keys;
		this.users = users;
		this.attachments = attachments;
		this.store = store;
		this.uploads = uploads;
		this.detector = detector;
		this.admission = admission;
		this.rateLimit = new KeyRateLimit(settings.requestsPerSecond(), clock);
		this.requestsPerSecond = settings.requestsPerSecond();
		this.json = json;
		this.clock = clock;
	}

	@PostMapping(path = "/", headers = "X-Amz-Target")
	void atRoot(HttpServletRequest request, HttpServletResponse response) throws IOException {
		handle(request, response);
	}

	@PostMapping(path = { "/rekognition", "/rekognition/", "/rekognition/**" })
	void underPrefix(HttpServletRequest request, HttpServletResponse response) throws IOException {
		handle(request, response);
	}

	private void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setHeader("x-amzn-RequestId", UUID.randomUUID().toString());
		try {
			answer(request, response);
		}
		catch (RekognitionError error) {
			write(response, error);
		}
		catch (RuntimeException ex) {
			log.error("unexpected error in the Rekognition-compatible endpoint", ex);
			write(response, RekognitionError.internal("unexpected error; it has been logged"));
		}
	}

	private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Map<String, String> headers = headers(request);
		SignatureV4.Claim claim;
		try {
			claim = SignatureV4.claim(headers, SERVICE, clock.instant());
		}
		catch (SignatureV4.Refused refused) {
			throw RekognitionError.of(refused);
		}
		AccessKeyService.SigningKey key = keys.signingKey(claim.accessKeyId())
			.orElseThrow(RekognitionEndpoint::unrecognized);
		// A disabled account's keys stop with its sessions and tokens, as a deactivated IAM key does.
		User owner = users.findById(key.ownerId()).filter(user -> !user.disabled())
			.orElseThrow(RekognitionEndpoint::unrecognized);
		Optional<InferenceAdmission.Permit> permit = admission.tryEnter();
		if (permit.isEmpty()) {
			response.setHeader("Retry-After", Long.toString(admission.retryAfterSeconds()));
			throw RekognitionError.throttling("the server is labeling as many images as it can take; try again in "
					+ admission.retryAfterSeconds() + " s");
		}
		try (InferenceAdmission.Permit held = permit.get()) {
			byte[] body = body(request);
			try {
				SignatureV4.verify(claim, key.secret(), request.getMethod(), request.getRequestURI(),
						request.getQueryString(), headers, body);
			}
			catch (SignatureV4.Refused refused) {
				throw RekognitionError.of(refused);
			}
			if (!rateLimit.tryTake(key.accessKeyId())) {
				throw RekognitionError.throttling("Rate exceeded: an access key may make " + requestsPerSecond
						+ " calls per second");
			}
			String target = headers.getOrDefault("x-amz-target", "");
			Object answer = switch (target) {
				case "RekognitionService.DetectLabels" -> detectLabels(owner, parse(body));
				case "RekognitionService.DetectText" -> detectText(owner, parse(body));
				default -> throw new RekognitionError("UnknownOperationException", 400,
						"this endpoint answers RekognitionService.DetectLabels and RekognitionService.DetectText");
			};
			response.setStatus(200);
			response.setContentType(CONTENT_TYPE);
			response.getOutputStream().write(json.writeValueAsBytes(answer));
		}
	}

	private DetectLabelsResponse detectLabels(User owner, JsonNode body) {
		RekognitionRequests.DetectLabels call = RekognitionRequests.detectLabels(body);
		LabelDetection detection = detect(owner, call.image(), call.options());
		DetectLabelsResponse all = DetectLabelsResponse.of(null, detection);
		DetectLabelsResponse.PropertiesJson properties = null;
		if (call.imageProperties() && all.imageProperties() != null) {
			List<DetectLabelsResponse.ColorJson> colors = all.imageProperties().dominantColors();
			properties = new DetectLabelsResponse.PropertiesJson(all.imageProperties().quality(),
					colors.subList(0, Math.min(colors.size(), call.maxDominantColors())));
		}
		return new DetectLabelsResponse(null, call.generalLabels() ? all.labels() : List.of(), null, properties,
				all.labelModelVersion());
	}

	private TextResponse detectText(User owner, JsonNode body) {
		RekognitionRequests.DetectText call = RekognitionRequests.detectText(body);
		LabelDetection detection = detect(owner, call.image(), DetectOptions.defaults().withMaxLabels(1));
		LabelDetection kept = new LabelDetection(List.of(), call.keep(detection.textDetections()), null,
				detection.labelModelVersion());
		return new TextResponse(DetectLabelsResponse.of(null, kept).textDetections(), detection.labelModelVersion());
	}

	/** DetectText's answer. */
	@com.fasterxml.jackson.annotation.JsonPropertyOrder({ "TextDetections", "TextModelVersion" })
	record TextResponse(
			@com.fasterxml.jackson.annotation.JsonProperty("TextDetections") List<DetectLabelsResponse.TextJson> textDetections,
			@com.fasterxml.jackson.annotation.JsonProperty("TextModelVersion") String textModelVersion) {
	}

	private LabelDetection detect(User owner, RekognitionRequests.ImageSource source,
			DetectOptions options) {
		byte[] image = source instanceof RekognitionRequests.Bytes bytes ? bytes.bytes()
				: read(owner, (RekognitionRequests.S3Object) source);
		try {
			uploads.inspect(new ByteArrayInputStream(image));
			return detector.detect(image, options);
		}
		catch (InvalidImageException | UnreadableImageException ex) {
			throw RekognitionError.invalidImageFormat("Request has invalid image format: " + ex.getMessage());
		}
		catch (ImageTooLargeException | ImageTooLargeToDecodeException ex) {
			throw RekognitionError.imageTooLarge(ex.getMessage());
		}
		catch (DetectorUnavailableException ex) {
			throw RekognitionError.internal(ex.getMessage());
		}
		catch (IOException ex) {
			throw RekognitionError.invalidImageFormat("Request has invalid image format");
		}
	}

	private static RekognitionError unrecognized() {
		return new RekognitionError("UnrecognizedClientException", 400,
				"The security token included in the request is invalid.");
	}

	/**
	 * An S3Object is one of the key owner's images: the bucket is their username (in any case) and the name an
	 * attachment id of theirs. Another bucket is AccessDeniedException, a name that is not one of their
	 * images InvalidS3ObjectException, exactly as for a missing one.
	 */
	private byte[] read(User owner, RekognitionRequests.S3Object object) {
		if (!User.key(owner.username()).equals(object.bucket().toLowerCase(Locale.ROOT))) {
			throw new RekognitionError("AccessDeniedException", 400,
					"this access key may read the bucket " + owner.username() + " only");
		}
		RekognitionError missing = new RekognitionError("InvalidS3ObjectException", 400,
				"Unable to get object metadata from S3. Check object key, region and/or access permissions.");
		Attachment attachment = attachments.findById(object.name())
			.filter(found -> found.isOwnedBy(owner.id()) && found.hasImage())
			.orElseThrow(() -> missing);
		try (InputStream in = store.open(attachment.objectKey()).orElseThrow(() -> missing)) {
			return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, uploads.maxBytes() + 1));
		}
		catch (IOException ex) {
			throw missing;
		}
	}

	private JsonNode parse(byte[] body) {
		try {
			JsonNode node = json.readTree(body);
			if (node == null || !node.isObject()) {
				throw new RekognitionError("SerializationException", 400, "the request body must be a JSON object");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new RekognitionError("SerializationException", 400, "the request body is not JSON");
		}
	}

	/** The body, refused as soon as it passes {@link #MAX_BODY}. */
	private static byte[] body(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > MAX_BODY) {
			throw RekognitionError.imageTooLarge("the request may have at most " + MAX_BODY + " bytes");
		}
		byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
		if (body.length > MAX_BODY) {
			throw RekognitionError.imageTooLarge("the request may have at most " + MAX_BODY + " bytes");
		}
		return body;
	}

	/** Lower-case names; a header sent several times joined with commas, as SigV4 canonicalizes it. */
	private static Map<String, String> headers(HttpServletRequest request) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (String name : Collections.list(request.getHeaderNames())) {
			headers.put(name.toLowerCase(Locale.ROOT), String.join(",", Collections.list(request.getHeaders(name))));
		}
		return headers;
	}

	private void write(HttpServletResponse response, RekognitionError error) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.setStatus(error.status());
		response.setHeader("x-amzn-ErrorType", error.code());
		response.setContentType(CONTENT_TYPE);
		Map<String, String> body = new LinkedHashMap<>();
		body.put("__type", error.code());
		body.put("message", error.getMessage());
		response.getOutputStream().write(json.writeValueAsBytes(body));
	}
}
