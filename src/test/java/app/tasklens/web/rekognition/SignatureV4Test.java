package app.tasklens.web.rekognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The server's Signature Version 4 check against requests signed by the AWS SDK for Java's own signer (not
 * by this code): accepted with the right secret in any region, refused with a wrong secret, a changed body,
 * another service or outside AWS's 15-minute window.
 */
class SignatureV4Test {

	private static final String KEY_ID = "TLAKEXAMPLE000000001";
	private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
	private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
	private static final byte[] BODY = "{\"Image\":{\"Bytes\":\"AAEC\"},\"MaxLabels\":5}".getBytes(StandardCharsets.UTF_8);

	@Test
	void acceptsWhatTheSdkSignsInAnyRegion() throws Exception {
		for (String region : new String[] {"us-east-1", "eu-central-1", "tasklens-home"}) {
			Map<String, String> headers = sign(SECRET, "rekognition", region, NOW, "/rekognition/", BODY);
			SignatureV4.Claim claim = SignatureV4.claim(headers, "rekognition", NOW);

			assertThat(claim.accessKeyId()).isEqualTo(KEY_ID);
			assertThat(claim.region()).isEqualTo(region);
			SignatureV4.verify(claim, SECRET, "POST", "/rekognition/", null, headers, BODY);
		}
	}

	@Test
	void refusesAWrongSecretOrAChangedBody() throws Exception {
		Map<String, String> headers = sign("not the secret", "rekognition", "us-east-1", NOW, "/", BODY);
		SignatureV4.Claim claim = SignatureV4.claim(headers, "rekognition", NOW);
		assertRefused(() -> SignatureV4.verify(claim, SECRET, "POST", "/", null, headers, BODY),
				"InvalidSignatureException");

		Map<String, String> good = sign(SECRET, "rekognition", "us-east-1", NOW, "/", BODY);
		SignatureV4.Claim goodClaim = SignatureV4.claim(good, "rekognition", NOW);
		byte[] changed = "{\"Image\":{\"Bytes\":\"AAED\"},\"MaxLabels\":5}".getBytes(StandardCharsets.UTF_8);
		assertRefused(() -> SignatureV4.verify(goodClaim, SECRET, "POST", "/", null, good, changed),
				"InvalidSignatureException");
		assertRefused(() -> SignatureV4.verify(goodClaim, SECRET, "POST", "/rekognition/", null, good, BODY),
				"InvalidSignatureException");
	}

	@Test
	void refusesOutsideTheClockWindowAndForAnotherService() throws Exception {
		Map<String, String> old = sign(SECRET, "rekognition", "us-east-1", NOW.minus(Duration.ofMinutes(16)), "/", BODY);
		assertRefused(() -> SignatureV4.claim(old, "rekognition", NOW), "InvalidSignatureException");
		Map<String, String> recent = sign(SECRET, "rekognition", "us-east-1", NOW.minus(Duration.ofMinutes(14)), "/", BODY);
		SignatureV4.verify(SignatureV4.claim(recent, "rekognition", NOW), SECRET, "POST", "/", null, recent, BODY);
		Map<String, String> future = sign(SECRET, "rekognition", "us-east-1", NOW.plus(Duration.ofMinutes(16)), "/", BODY);
		assertRefused(() -> SignatureV4.claim(future, "rekognition", NOW), "InvalidSignatureException");

		Map<String, String> s3 = sign(SECRET, "s3", "us-east-1", NOW, "/", BODY);
		assertRefused(() -> SignatureV4.claim(s3, "rekognition", NOW), "InvalidSignatureException");
	}

	@Test
	void refusesAnUnsignedRequest() {
		assertRefused(() -> SignatureV4.claim(Map.of("host", "localhost"), "rekognition", NOW),
				"MissingAuthenticationTokenException");
		assertRefused(() -> SignatureV4.claim(Map.of("authorization", "Bearer abc", "x-amz-date", "20261203T080000Z"),
				"rekognition", NOW), "IncompleteSignatureException");
	}

	private interface Check {
		void run() throws SignatureV4.Refused;
	}

	private static void assertRefused(Check check, String code) {
		assertThatThrownBy(check::run).isInstanceOfSatisfying(SignatureV4.Refused.class,
				refused -> assertThat(refused.code()).isEqualTo(code));
	}

	/** The headers the SDK's signer gives a Rekognition request, lower-cased as the server reads them. */
	private static Map<String, String> sign(String secret, String service, String region, Instant at, String path,
			byte[] body) {
		SdkHttpRequest request = SdkHttpRequest.builder()
			.method(SdkHttpMethod.POST)
			.uri(URI.create("http://localhost:8080" + path))
			.putHeader("Content-Type", "application/x-amz-json-1.1")
			.putHeader("X-Amz-Target", "RekognitionService.DetectLabels")
			.build();
		SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
			.identity(AwsCredentialsIdentity.create(KEY_ID, secret))
			.request(request)
			.payload(ContentStreamProvider.fromByteArray(body))
			.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
			.putProperty(AwsV4HttpSigner.REGION_NAME, region)
			.putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
		Map<String, String> headers = new LinkedHashMap<>();
		signed.request().headers().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
		headers.putIfAbsent("host", "localhost:8080");
		return headers;
	}
}
