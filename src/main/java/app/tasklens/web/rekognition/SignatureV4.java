package app.tasklens.web.rekognition;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 (header form, {@code AWS4-HMAC-SHA256}) as a server checks it: the request is
 * canonicalized as the client did, the signing key derived from the secret, date, region and service, and
 * the signatures compared in constant time. Any region is accepted; the service must be the one given.
 * Requests signed more than {@link #CLOCK_WINDOW} away from the server's clock are refused, as AWS does.
 */
final class SignatureV4 {

	static final Duration CLOCK_WINDOW = Duration.ofMinutes(15);
	private static final String ALGORITHM = "AWS4-HMAC-SHA256";
	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);
	private static final Pattern AUTHORIZATION = Pattern.compile(ALGORITHM
			+ "\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,\\s*"
			+ "SignedHeaders=([a-z0-9\\-;]+)\\s*,\\s*Signature=([0-9a-f]{64})\\s*");

	/** Why a request is refused, in the words and error codes AWS uses. */
	static final class Refused extends Exception {
		private final String code;

		Refused(String code, String message) {
			super(message, null, false, false);
			this.code = code;
		}

		String code() {
			return code;
		}
	}

	/** What the Authorization header claims, before the signature is checked. */
	record Claim(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
			String signature, Instant signedAt) {
	}

	private SignatureV4() {
	}

	/**
	 * The claim of a request, refused when the header is missing or malformed, the service is another or
	 * the time is outside the clock window. Cheap: nothing is looked up and the body is not read.
	 *
	 * @param headers lower-case names
	 */
	static Claim claim(Map<String, String> headers, String service, Instant now) throws Refused {
		String authorization = headers.get("authorization");
		if (authorization == null || authorization.isBlank()) {
			throw new Refused("MissingAuthenticationTokenException", "Missing Authentication Token");
		}
		Matcher matcher = AUTHORIZATION.matcher(authorization.strip());
		if (!matcher.matches()) {
			throw new Refused("IncompleteSignatureException",
					"Authorization header requires Credential, SignedHeaders and Signature of " + ALGORITHM);
		}
		String amzDate = headers.get("x-amz-date");
		if (amzDate == null) {
			throw new Refused("IncompleteSignatureException", "the request must carry X-Amz-Date");
		}
		Instant signedAt;
		try {
			signedAt = Instant.from(AMZ_DATE.parse(amzDate));
		}
		catch (DateTimeParseException ex) {
			throw new Refused("IncompleteSignatureException", "X-Amz-Date is not of the form yyyyMMdd'T'HHmmss'Z'");
		}
		if (!amzDate.startsWith(matcher.group(2))) {
			throw new Refused("InvalidSignatureException", "Date in Credential scope does not match YYYYMMDD from X-Amz-Date");
		}
		if (!service.equals(matcher.group(4))) {
			throw new Refused("InvalidSignatureException",
					"Credential should be scoped to correct service: '" + service + "'");
		}
		List<String> signed = List.of(matcher.group(5).split(";"));
		if (!signed.contains("host") || !signed.contains("x-amz-date")) {
			throw new Refused("InvalidSignatureException", "SignedHeaders must include host and x-amz-date");
		}
		if (Duration.between(signedAt, now).abs().compareTo(CLOCK_WINDOW) > 0) {
			throw new Refused("InvalidSignatureException", "Signature expired: " + amzDate + " is now earlier than "
					+ AMZ_DATE.format(now.minus(CLOCK_WINDOW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
		}
		return new Claim(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4), signed,
				matcher.group(6), signedAt);
	}

	/**
	 * Checks the claim's signature over the request with the key's secret.
	 *
	 * @param rawPath the path as sent (still percent-encoded); {@code rawQuery} likewise, or {@code null}
	 * @param headers lower-case names; a header sent several times joined with commas
	 */
	static void verify(Claim claim, String secret, String method, String rawPath, String rawQuery,
			Map<String, String> headers, byte[] body) throws Refused {
		String payloadHash = hex(sha256(body));
		String declared = headers.get("x-amz-content-sha256");
		if (declared != null && !declared.equals(payloadHash) && !declared.equals("UNSIGNED-PAYLOAD")) {
			throw new Refused("InvalidSignatureException", "x-amz-content-sha256 does not match the body");
		}
		StringBuilder canonicalHeaders = new StringBuilder();
		for (String name : claim.signedHeaders()) {
			String value = headers.get(name);
			if (value == null) {
				throw new Refused("InvalidSignatureException", "signed header " + name + " is missing");
			}
			canonicalHeaders.append(name).append(':').append(value.strip().replaceAll("\\s+", " ")).append('\n');
		}
		String canonicalRequest = method + "\n" + canonicalPath(rawPath) + "\n" + canonicalQuery(rawQuery) + "\n"
				+ canonicalHeaders + "\n" + String.join(";", claim.signedHeaders()) + "\n"
				+ (declared != null ? declared : payloadHash);
		String scope = claim.date() + "/" + claim.region() + "/" + claim.service() + "/aws4_request";
		String stringToSign = ALGORITHM + "\n" + AMZ_DATE.format(claim.signedAt()) + "\n" + scope + "\n"
				+ hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
		byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), claim.date());
		key = hmac(key, claim.region());
		key = hmac(key, claim.service());
		key = hmac(key, "aws4_request");
		byte[] expected = hex(hmac(key, stringToSign)).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, claim.signature().getBytes(StandardCharsets.US_ASCII))) {
			throw new Refused("InvalidSignatureException", "The request signature we calculated does not match the"
					+ " signature you provided. Check your AWS Secret Access Key and signing method.");
		}
	}

	/** Services other than S3 encode the already encoded path once more. */
	private static String canonicalPath(String rawPath) {
		String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
		StringBuilder out = new StringBuilder();
		for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if (c == '/' || unreserved(c)) {
				out.append(c);
			}
			else {
				out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
			}
		}
		return out.toString();
	}

	private static String canonicalQuery(String rawQuery) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return "";
		}
		TreeMap<String, String> sorted = new TreeMap<>();
		for (String pair : rawQuery.split("&")) {
			int eq = pair.indexOf('=');
			sorted.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
		}
		StringBuilder out = new StringBuilder();
		sorted.forEach((name, value) -> out.append(out.isEmpty() ? "" : "&").append(name).append('=').append(value));
		return out.toString();
	}

	private static boolean unreserved(char c) {
		return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
				|| c == '.' || c == '~';
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] hmac(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}
}
