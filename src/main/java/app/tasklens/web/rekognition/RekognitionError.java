package app.tasklens.web.rekognition;

/**
 * An error as Rekognition sends it: the AWS JSON 1.1 body {@code {"__type": code, "message": …}}, the code
 * again in {@code x-amzn-ErrorType}, and the HTTP status of its reference (400 for the client's errors,
 * 500 for {@code ThrottlingException} and {@code InternalServerError}, which SDKs retry).
 */
final class RekognitionError extends RuntimeException {

	private final String code;
	private final int status;

	RekognitionError(String code, int status, String message) {
		super(message, null, false, false);
		this.code = code;
		this.status = status;
	}

	String code() {
		return code;
	}

	int status() {
		return status;
	}

	static RekognitionError invalidParameter(String message) {
		return new RekognitionError("InvalidParameterException", 400, message);
	}

	static RekognitionError invalidImageFormat(String message) {
		return new RekognitionError("InvalidImageFormatException", 400, message);
	}

	static RekognitionError imageTooLarge(String message) {
		return new RekognitionError("ImageTooLargeException", 400, message);
	}

	static RekognitionError throttling(String message) {
		return new RekognitionError("ThrottlingException", 500, message);
	}

	static RekognitionError internal(String message) {
		return new RekognitionError("InternalServerError", 500, message);
	}

	/** A refused signature keeps AWS's code; a request without any is 403 as AWS answers it, the rest 400. */
	static RekognitionError of(SignatureV4.Refused refused) {
		int status = refused.code().equals("MissingAuthenticationTokenException") ? 403 : 400;
		return new RekognitionError(refused.code(), status, refused.getMessage());
	}
}
