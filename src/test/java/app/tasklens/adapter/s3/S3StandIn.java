package app.tasklens.adapter.s3;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import app.tasklens.NodeServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A stand-in for S3 in tests: s3rver, an S3-API server from npm ({@code tools/s3-stand-in}), which keeps
 * objects in files, answers ranged GETs, presigned URLs until they expire, and checks a bucket's CORS
 * rules as S3 does (it does not verify signatures, so what a signature covers is checked on the URL by
 * the tests). One server per test JVM, started on a free port under {@code target/} on first use and
 * stopped by its PID when the JVM ends; each test makes buckets of its own with {@link #newBucket}.
 * {@code .ci/run} installs it ({@code npm ci} in {@code tools/s3-stand-in}).
 *
 * <p>Reused by the other stores' tests: {@code S3StandIn.get()}, {@link #newBucket}, {@link #settings},
 * {@link #environment} for a Tasklens process, {@link #client} to look into a bucket.
 */
public final class S3StandIn {

	/** The stand-in's one account; the SDK's default chain reads them from the environment of a process. */
	public static final String ACCESS_KEY = "S3RVER";
	public static final String SECRET_KEY = "S3RVER";
	public static final String REGION = "us-east-1";

	private static S3StandIn instance;
	private static final AtomicInteger BUCKETS = new AtomicInteger();

	private final URI endpoint;

	private S3StandIn(URI endpoint) {
		this.endpoint = endpoint;
	}

	public static synchronized S3StandIn get() {
		if (instance == null) {
			Path directory = Path.of("target/s3-stand-in/" + ProcessHandle.current().pid()).toAbsolutePath();
			NodeServer server = NodeServer.start(Path.of("tools/s3-stand-in"), "s3rver", "the S3 stand-in",
					"s3-stand-in.js", directory.toString());
			instance = new S3StandIn(URI.create("http://127.0.0.1:" + server.port()));
		}
		return instance;
	}

	public URI endpoint() {
		return endpoint;
	}

	/**
	 * A new, empty bucket whose CORS rule lets pages of {@code allowedOrigins} upload and fetch images
	 * exactly as the README tells users to allow their Tasklens (none: no browser may use it).
	 */
	public String newBucket(String purpose, String... allowedOrigins) {
		String bucket = "tasklens-" + purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + "-"
				+ ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
		try (S3Client client = client()) {
			client.createBucket(request -> request.bucket(bucket));
		}
		if (allowedOrigins.length > 0) {
			allow(bucket, allowedOrigins);
		}
		return bucket;
	}

	/** Sets the bucket's CORS rule to the one the README gives, for pages of {@code origins}. */
	public void allow(String bucket, String... origins) {
		try (S3Client client = client()) {
			client.putBucketCors(request -> request.bucket(bucket).corsConfiguration(cors -> cors.corsRules(rule -> rule
				.allowedOrigins(origins)
				.allowedMethods("GET", "PUT")
				.allowedHeaders("Content-Type", "If-None-Match")
				.maxAgeSeconds(3000))));
		}
	}

	/** The keys in {@code bucket}. */
	public List<String> keys(String bucket) {
		try (S3Client client = client()) {
			return client.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream()
				.map(S3Object::key)
				.toList();
		}
	}

	/** The settings of an S3 store on {@code bucket} here. */
	S3Settings settings(String bucket) {
		return new S3Settings(bucket, endpoint.toString(), REGION, true);
	}

	/** The environment that makes a Tasklens process keep its images in {@code bucket} here. */
	public Map<String, String> environment(String bucket) {
		return Map.of("TASKLENS_OBJECTS_S3_BUCKET", bucket, "TASKLENS_OBJECTS_S3_ENDPOINT", endpoint.toString(),
				"TASKLENS_OBJECTS_S3_REGION", REGION, "TASKLENS_OBJECTS_S3_PATH_STYLE", "true",
				"AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
	}

	public StaticCredentialsProvider credentials() {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
	}

	/** A client of the stand-in, path-style and without aws-chunked bodies, which s3rver does not decode. */
	public S3Client client() {
		return S3Client.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.endpointOverride(endpoint)
			.region(Region.of(REGION))
			.credentialsProvider(credentials())
			.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).chunkedEncodingEnabled(false).build())
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.build();
	}
}
