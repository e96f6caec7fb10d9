package app.tasklens.adapter.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import app.tasklens.attachment.ContentDispositions;
import app.tasklens.attachment.ObjectStore;
import app.tasklens.attachment.SignedRequest;
import app.tasklens.attachment.UploadGrant;
import app.tasklens.attachment.UploadTarget;

/**
 * Objects in one bucket of an S3-compatible store. Browsers upload with a presigned PUT whose signature
 * covers the Content-Type, the Content-Length (when the client declared a size) and
 * {@code If-None-Match: *}, so a URL takes only the declared bytes and, on stores that support
 * conditional writes (AWS, MinIO), only once; downloads are presigned GETs that name the type and file
 * name. Ranges are read whole into memory (at most a megabyte), so that no half-read response is left
 * to the HTTP client.
 *
 * <p>Checksums only where S3 requires them: the SDK's default trailing checksums use aws-chunked bodies,
 * which some S3-compatible stores (and the test stand-in) store as they come.
 */
class S3ObjectStore implements ObjectStore, AutoCloseable {

	/** Bounds of a presigned request's life that S3 accepts. */
	private static final Duration SHORTEST = Duration.ofSeconds(1);
	private static final Duration LONGEST = Duration.ofDays(7);

	private final S3Client client;
	private final S3Presigner presigner;
	private final String bucket;
	private final URI origin;

	S3ObjectStore(S3Client client, S3Presigner presigner, String bucket) {
		this.client = client;
		this.presigner = presigner;
		this.bucket = bucket;
		this.origin = originOf(URI.create(
				client.utilities().getUrl(request -> request.bucket(bucket).key("origin")).toExternalForm()));
	}

	static S3ObjectStore connect(S3Settings settings, AwsCredentialsProvider credentials) {
		S3Configuration s3 = S3Configuration.builder()
			.pathStyleAccessEnabled(settings.pathStyle())
			.chunkedEncodingEnabled(false)
			.build();
		Region region = Region.of(settings.region());
		S3ClientBuilder builder = S3Client.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.region(region)
			.credentialsProvider(credentials)
			.serviceConfiguration(s3)
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		S3Presigner.Builder presigner = S3Presigner.builder()
			.region(region)
			.credentialsProvider(credentials)
			.serviceConfiguration(s3);
		URI endpoint = settings.endpointUri();
		if (endpoint != null) {
			builder.endpointOverride(endpoint);
			presigner.endpointOverride(endpoint);
		}
		return new S3ObjectStore(builder.build(), presigner.build(), settings.bucket());
	}

	@Override
	public UploadTarget uploadTarget(UploadGrant grant) {
		PutObjectRequest.Builder put = PutObjectRequest.builder()
			.bucket(bucket)
			.key(grant.objectKey())
			.contentType(grant.type().mediaType())
			.ifNoneMatch("*");
		if (grant.declaredSize() != null) {
			put.contentLength(grant.declaredSize());
		}
		PresignedPutObjectRequest presigned = presigner.presignPutObject(
				request -> request.signatureDuration(lifetime(grant.expiresAt())).putObjectRequest(put.build()));
		return UploadTarget.put(uri(presigned.url()), clientHeaders(presigned.signedHeaders()), grant.expiresAt());
	}

	/**
	 * The signed headers the client must send, without those its HTTP stack sets by itself (and a browser
	 * may not set): Host, and Content-Length, which a browser takes from the file, so that a file of
	 * another size than declared fails the signature.
	 */
	private static Map<String, String> clientHeaders(Map<String, List<String>> signed) {
		Map<String, String> headers = new LinkedHashMap<>();
		signed.forEach((name, values) -> {
			if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
				headers.put(canonical(name), String.join(",", values));
			}
		});
		return headers;
	}

	/** {@code content-type} → {@code Content-Type}, as clients and the contract expect to read them. */
	private static String canonical(String name) {
		StringBuilder out = new StringBuilder(name.length());
		boolean upper = true;
		for (char c : name.toCharArray()) {
			out.append(upper ? Character.toUpperCase(c) : c);
			upper = c == '-';
		}
		return out.toString();
	}

	@Override
	public Optional<SignedRequest> downloadTarget(String key, String contentType, String filename, Instant expiresAt) {
		PresignedGetObjectRequest presigned = presigner.presignGetObject(request -> request
			.signatureDuration(lifetime(expiresAt))
			.getObjectRequest(get -> get.bucket(bucket)
				.key(key)
				.responseContentType(contentType)
				.responseContentDisposition(ContentDispositions.inline(filename))));
		return Optional.of(new SignedRequest(uri(presigned.url()), "GET", Map.of(), expiresAt));
	}

	@Override
	public Optional<URI> clientOrigin() {
		return Optional.of(origin);
	}

	@Override
	public Optional<Long> size(String key) throws IOException {
		try {
			return Optional.of(client.headObject(request -> request.bucket(bucket).key(key)).contentLength());
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty();
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return Optional.empty();
			}
			throw new IOException("cannot read the size of " + key + " in bucket " + bucket, ex);
		}
	}

	@Override
	public Optional<InputStream> open(String key) throws IOException {
		try {
			return Optional.of(client.getObject(request -> request.bucket(bucket).key(key)));
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty();
		}
		catch (S3Exception ex) {
			throw new IOException("cannot read " + key + " from bucket " + bucket, ex);
		}
	}

	@Override
	public Optional<InputStream> open(String key, long offset, long length) throws IOException {
		if (offset < 0 || length < 0) {
			throw new IllegalArgumentException("offset and length must not be negative");
		}
		if (length == 0) {
			return size(key).map(size -> new ByteArrayInputStream(new byte[0]));
		}
		String range = "bytes=" + offset + "-" + (offset + length - 1);
		try (ResponseInputStream<GetObjectResponse> in = client.getObject(
				request -> request.bucket(bucket).key(key).range(range))) {
			return Optional.of(new ByteArrayInputStream(in.readAllBytes()));
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty();
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 416) {
				// The range starts at or past the end: no bytes, but the object is there.
				return Optional.of(new ByteArrayInputStream(new byte[0]));
			}
			throw new IOException("cannot read " + range + " of " + key + " from bucket " + bucket, ex);
		}
	}

	/**
	 * The SDK reads the body twice (to sign it, then to send it) and rewinds with mark and reset: a stream
	 * without them (an upload received by the server) is first copied to a temporary file.
	 */
	@Override
	public void put(String key, InputStream content, long length, String contentType) throws IOException {
		if (content.markSupported()) {
			put(key, RequestBody.fromInputStream(content, length), length, contentType);
			return;
		}
		Path copy = Files.createTempFile("tasklens-put-", ".part");
		try {
			Files.copy(content, copy, StandardCopyOption.REPLACE_EXISTING);
			put(key, RequestBody.fromFile(copy), length, contentType);
		}
		finally {
			Files.deleteIfExists(copy);
		}
	}

	private void put(String key, RequestBody body, long length, String contentType) throws IOException {
		try {
			client.putObject(request -> request.bucket(bucket).key(key).contentType(contentType).contentLength(length),
					body);
		}
		catch (S3Exception ex) {
			throw new IOException("cannot store " + key + " in bucket " + bucket, ex);
		}
	}

	@Override
	public void delete(String key) throws IOException {
		try {
			client.deleteObject(request -> request.bucket(bucket).key(key));
		}
		catch (S3Exception ex) {
			if (ex.statusCode() != 404) {
				throw new IOException("cannot delete " + key + " from bucket " + bucket, ex);
			}
		}
	}

	@Override
	public void close() {
		presigner.close();
		client.close();
	}

	private static Duration lifetime(Instant expiresAt) {
		Duration left = Duration.between(Instant.now(), expiresAt);
		return left.compareTo(SHORTEST) < 0 ? SHORTEST : left.compareTo(LONGEST) > 0 ? LONGEST : left;
	}

	private static URI originOf(URI url) {
		return URI.create(url.getScheme() + "://" + url.getRawAuthority());
	}

	private static URI uri(java.net.URL url) {
		try {
			return url.toURI();
		}
		catch (URISyntaxException ex) {
			throw new UncheckedIOException(new IOException("the SDK made an invalid URL " + url, ex));
		}
	}
}
