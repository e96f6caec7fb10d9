package app.tasklens.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import app.tasklens.Ids;
import app.tasklens.TestImages;

/**
 * What every {@link ObjectStore} adapter must do, run against each of them (a subclass per adapter gives
 * {@link #store()}): objects written whole, read whole or in ranges, sized, replaced, deleted idempotently;
 * an upload target of the grant's type that expires with it; download targets, where a store has them,
 * that really serve the bytes; and a client origin that matches the targets.
 */
public abstract class ObjectStoreContract {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** The store under test, empty at the start of each test. */
	protected abstract ObjectStore store();

	protected final String owner = Ids.random();
	protected final String task = Ids.random();
	protected final String key = owner + "/" + task + "/" + Ids.random() + ".jpg";

	@Test
	void anObjectPutIsReadBackWholeAndSized() throws IOException {
		byte[] bytes = bytes(100_000);

		store().put(key, new ByteArrayInputStream(bytes), bytes.length, "image/jpeg");

		assertThat(read(store().open(key))).isEqualTo(bytes);
		assertThat(store().size(key)).contains(100_000L);
	}

	/** An upload the server received (a form without JavaScript) is a stream that cannot rewind. */
	@Test
	void aStreamThatCannotRewindIsStoredWhole() throws IOException {
		byte[] bytes = bytes(300_000);
		InputStream once = new java.io.FilterInputStream(new ByteArrayInputStream(bytes)) {
			@Override
			public boolean markSupported() {
				return false;
			}

			@Override
			public synchronized void reset() throws IOException {
				throw new IOException("mark/reset not supported");
			}
		};
		store().put(key, once, bytes.length, "image/jpeg");

		assertThat(read(store().open(key))).isEqualTo(bytes);
	}

	@Test
	void aMissingObjectIsEmptyNotAnError() throws IOException {
		assertThat(store().open(key)).isEmpty();
		assertThat(store().open(key, 0, 10)).isEmpty();
		assertThat(store().size(key)).isEmpty();
	}

	@Test
	void rangesAreReadFromTheirOffsetAndCutAtTheEnd() throws IOException {
		byte[] bytes = bytes(1000);
		store().put(key, new ByteArrayInputStream(bytes), bytes.length, "image/jpeg");

		assertThat(read(store().open(key, 0, 10))).isEqualTo(slice(bytes, 0, 10));
		assertThat(read(store().open(key, 500, 100))).isEqualTo(slice(bytes, 500, 100));
		assertThat(read(store().open(key, 990, 100))).as("cut at the end").isEqualTo(slice(bytes, 990, 10));
		assertThat(read(store().open(key, 1000, 100))).as("past the end").isEmpty();
	}

	@Test
	void aHeaderIsReadInRangesWithoutTheWholeObject() throws IOException {
		byte[] png = pngWithTrailingBytes(3 * 1024 * 1024);
		store().put(key, new ByteArrayInputStream(png), png.length, "image/png");

		CountingStore counting = new CountingStore(store(), new ArrayList<>());

		try (InputStream in = RangedObjectStream.open(counting, key, png.length).orElseThrow()) {
			ImageHeader header = ImageHeader.read(in);

			assertThat(header.type()).isEqualTo(ImageType.PNG);
			assertThat(header.width()).isEqualTo(3);
		}
		assertThat(counting.lengths()).as("one range of 64 KB").containsExactly(64L * 1024);
		try (InputStream in = RangedObjectStream.open(counting, key, png.length).orElseThrow()) {
			assertThat(in.readAllBytes()).as("read to the end across growing ranges").isEqualTo(png);
		}
		assertThat(counting.lengths()).doesNotContain(-1L).allSatisfy(length -> assertThat(length).isLessThanOrEqualTo(1024 * 1024));
	}

	@Test
	void aPutReplacesTheObjectWhole() throws IOException {
		store().put(key, new ByteArrayInputStream(bytes(50)), 50, "image/jpeg");

		store().put(key, new ByteArrayInputStream(bytes(20)), 20, "image/jpeg");

		assertThat(read(store().open(key))).isEqualTo(bytes(20));
		assertThat(store().size(key)).contains(20L);
	}

	@Test
	void deletingIsIdempotentAndKeepsTheNeighbours() throws IOException {
		String neighbour = key.replace(".jpg", ".thumb.jpg");
		store().put(key, new ByteArrayInputStream(bytes(10)), 10, "image/jpeg");
		store().put(neighbour, new ByteArrayInputStream(bytes(5)), 5, "image/jpeg");

		store().delete(key);
		store().delete(key);

		assertThat(store().open(key)).isEmpty();
		assertThat(store().size(key)).isEmpty();
		assertThat(read(store().open(neighbour))).isEqualTo(bytes(5));
	}

	@Test
	void theUploadTargetIsForTheGrantsTypeAndExpiresWithIt() {
		Instant expires = Instant.now().plus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.SECONDS);
		UploadGrant grant = new UploadGrant(Ids.random(), owner, task, key, ImageType.JPEG, 1234, 1234L, expires);

		UploadTarget target = store().uploadTarget(grant);

		assertThat(target.method()).isIn("PUT", "POST");
		assertThat(target.expiresAt()).isEqualTo(expires);
		if (target.method().equals("PUT")) {
			assertThat(target.headers()).containsEntry("Content-Type", "image/jpeg");
		}
		else {
			assertThat(target.fields()).containsEntry("Content-Type", "image/jpeg");
		}
		Optional<URI> origin = store().clientOrigin();
		if (target.url().isAbsolute()) {
			assertThat(origin).as("the CSP must allow where the bytes go").contains(originOf(target.url()));
		}
	}

	@Test
	void aDownloadTargetServesTheBytesWhereTheStoreHasOne() throws Exception {
		byte[] bytes = bytes(2000);
		store().put(key, new ByteArrayInputStream(bytes), bytes.length, "image/jpeg");

		Optional<SignedRequest> target = store().downloadTarget(key, "image/jpeg", "Hund \"Bello\".jpg",
				Instant.now().plus(Duration.ofMinutes(5)));

		if (target.isEmpty()) {
			assertThat(store().clientOrigin()).as("served through this server").isEmpty();
			return;
		}
		assertThat(target.get().method()).isEqualTo("GET");
		assertThat(store().clientOrigin()).contains(originOf(target.get().url()));
		HttpRequest.Builder request = HttpRequest.newBuilder(target.get().url()).timeout(Duration.ofSeconds(30));
		target.get().headers().forEach(request::header);
		HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(bytes);
		assertThat(response.headers().firstValue("Content-Type")).contains("image/jpeg");
	}

	protected static URI originOf(URI url) {
		return URI.create(url.getScheme() + "://" + url.getRawAuthority());
	}

	protected static byte[] read(Optional<InputStream> object) throws IOException {
		try (InputStream in = object.orElseThrow()) {
			return in.readAllBytes();
		}
	}

	protected static byte[] bytes(int count) {
		byte[] bytes = new byte[count];
		for (int i = 0; i < count; i++) {
			bytes[i] = (byte) (i * 31 + count);
		}
		return bytes;
	}

	private static byte[] slice(byte[] bytes, int from, int length) {
		byte[] part = new byte[length];
		System.arraycopy(bytes, from, part, 0, length);
		return part;
	}

	/** A 3 × 2 PNG followed by {@code trailing} bytes: a big object whose header is at its start. */
	private static byte[] pngWithTrailingBytes(int trailing) {
		byte[] png = TestImages.pngHeaderOnly(3, 2);
		byte[] big = new byte[png.length + trailing];
		System.arraycopy(png, 0, big, 0, png.length);
		System.arraycopy(bytes(trailing), 0, big, png.length, trailing);
		return big;
	}

	/** The store, recording the ranges read from it. */
	private record CountingStore(ObjectStore store, List<Long> lengths) implements ObjectStore {

		@Override
		public UploadTarget uploadTarget(UploadGrant grant) {
			return store.uploadTarget(grant);
		}

		@Override
		public Optional<SignedRequest> downloadTarget(String key, String contentType, String filename,
				Instant expiresAt) {
			return store.downloadTarget(key, contentType, filename, expiresAt);
		}

		@Override
		public Optional<Long> size(String key) throws IOException {
			return store.size(key);
		}

		@Override
		public Optional<InputStream> open(String key) throws IOException {
			lengths.add(-1L);
			return store.open(key);
		}

		@Override
		public Optional<InputStream> open(String key, long offset, long length) throws IOException {
			lengths.add(length);
			return store.open(key, offset, length);
		}

		@Override
		public void put(String key, InputStream content, long length, String contentType) throws IOException {
			store.put(key, content, length, contentType);
		}

		@Override
		public void delete(String key) throws IOException {
			store.delete(key);
		}
	}
}
