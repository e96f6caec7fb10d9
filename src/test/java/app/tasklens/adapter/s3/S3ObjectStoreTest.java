package app.tasklens.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.tasklens.Ids;
import app.tasklens.attachment.ImageType;
import app.tasklens.attachment.ObjectStoreContract;
import app.tasklens.attachment.UploadGrant;
import app.tasklens.attachment.UploadTarget;

/**
 * The {@link ObjectStoreContract} on a bucket of the S3 stand-in, and what only a bucket does: the
 * presigned PUT that a client sends straight to it, what its signature covers, and the CORS rule that
 * lets exactly the Tasklens page's origin use it.
 */
class S3ObjectStoreTest extends ObjectStoreContract {

	private static final String PAGE = "http://localhost:8080";
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final S3StandIn standIn = S3StandIn.get();
	private final String bucket = standIn.newBucket("contract", PAGE);
	private final S3ObjectStore store = S3ObjectStore.connect(standIn.settings(bucket), standIn.credentials());

	@Override
	protected S3ObjectStore store() {
		return store;
	}

	@AfterEach
	void close() {
		store.close();
	}

	@Test
	void theClientOriginIsTheBucketsServer() {
		assertThat(store.clientOrigin()).contains(standIn.endpoint());
	}

	@Test
	void bytesSentAsTheUploadTargetSaysBecomeTheObject() throws Exception {
		byte[] bytes = bytes(5000);
		UploadTarget target = store.uploadTarget(grant(5000L));

		HttpResponse<String> response = send(target, bytes);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(read(store.open(key))).isEqualTo(bytes);
		assertThat(standIn.keys(bucket)).containsExactly(key);
	}

	@Test
	void theSignatureCoversTypeDeclaredSizeAndSingleUse() {
		UploadTarget declared = store.uploadTarget(grant(5000L));
		UploadTarget undeclared = store.uploadTarget(grant(null));

		assertThat(signedHeaders(declared)).contains("content-type", "content-length", "if-none-match", "host");
		assertThat(declared.headers()).containsEntry("Content-Type", "image/jpeg").containsEntry("If-None-Match", "*")
			.doesNotContainKeys("Host", "Content-Length");
		assertThat(signedHeaders(undeclared)).contains("content-type", "if-none-match").doesNotContain("content-length");
		assertThat(query(declared, "X-Amz-Expires")).isBetween("890", "900");
	}

	@Test
	void theBucketsCorsRuleLetsExactlyThePagesOriginUpload() throws Exception {
		UploadTarget target = store.uploadTarget(grant(5000L));

		assertThat(preflight(target, PAGE).statusCode()).isEqualTo(200);
		// S3 answers the page's origin, the stand-in "*": a browser takes either for a request without cookies.
		assertThat(preflight(target, PAGE).headers().firstValue("Access-Control-Allow-Origin")).get().isIn(PAGE, "*");
		assertThat(preflight(target, "http://evil.example").statusCode()).isEqualTo(403);
	}

	private HttpResponse<String> preflight(UploadTarget target, String origin) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(target.url())
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "PUT")
			.header("Access-Control-Request-Headers", "content-type,if-none-match")
			.timeout(Duration.ofSeconds(30))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private UploadGrant grant(Long declared) {
		return new UploadGrant(Ids.random(), owner, task, key, ImageType.JPEG, declared == null ? 15_000_000 : declared,
				declared, Instant.now().plus(Duration.ofMinutes(15)));
	}

	private static HttpResponse<String> send(UploadTarget target, byte[] bytes) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(target.url())
			.method(target.method(), HttpRequest.BodyPublishers.ofByteArray(bytes))
			.timeout(Duration.ofSeconds(30));
		target.headers().forEach(request::header);
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static List<String> signedHeaders(UploadTarget target) {
		return Arrays.asList(query(target, "X-Amz-SignedHeaders").split(";"));
	}

	private static String query(UploadTarget target, String name) {
		URI url = target.url();
		for (String pair : url.getRawQuery().split("&")) {
			int equals = pair.indexOf('=');
			if (pair.substring(0, equals).equals(name)) {
				return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			}
		}
		throw new AssertionError("no " + name + " in " + url);
	}
}
