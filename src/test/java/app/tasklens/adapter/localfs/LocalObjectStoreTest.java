package app.tasklens.adapter.localfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.tasklens.Ids;
import app.tasklens.adapter.localfs.LocalObjectStore.Staged;
import app.tasklens.attachment.Attachment;
import app.tasklens.attachment.ImageType;
import app.tasklens.attachment.ObjectStoreContract;
import app.tasklens.attachment.UploadTarget;
import app.tasklens.attachment.UploadTooLargeException;

/** The {@link ObjectStoreContract} on files, and what only files do: staging, key checks, crash leftovers. */
class LocalObjectStoreTest extends ObjectStoreContract {

	@TempDir
	Path dataDir;

	private LocalObjectStore store;

	/** Made on first use, so that a test can leave files behind before the store starts. */
	@Override
	protected LocalObjectStore store() {
		if (store == null) {
			store = new LocalObjectStore(dataDir, new UploadTickets(new byte[32]));
		}
		return store;
	}

	@Test
	void stagedBytesAppearUnderTheKeyOnlyWhenPublished() throws IOException {
		LocalObjectStore store = store();
		byte[] bytes = bytes(1000);

		try (Staged staged = store.stage(new ByteArrayInputStream(bytes), 1000)) {
			assertThat(staged.size()).isEqualTo(1000);
			assertThat(store.open(key)).isEmpty();
			try (InputStream in = staged.open()) {
				assertThat(in.readAllBytes()).isEqualTo(bytes);
			}
			staged.publish(key);
		}

		assertThat(read(store.open(key))).isEqualTo(bytes);
		assertThat(files()).containsExactly(dataDir.resolve("objects").resolve(key));
	}

	@Test
	void closingWithoutPublishingLeavesNoFile() throws IOException {
		LocalObjectStore store = store();

		try (Staged staged = store.stage(new ByteArrayInputStream(bytes(10)), 10)) {
			assertThat(staged.size()).isEqualTo(10);
		}

		assertThat(files()).isEmpty();
	}

	@Test
	void streamingStopsPastTheLimitAndLeavesNoFile() throws IOException {
		LocalObjectStore store = store();
		CountingStream endless = new CountingStream();

		assertThatThrownBy(() -> store.stage(endless, 100_000)).isInstanceOf(UploadTooLargeException.class);

		assertThat(endless.served).isLessThan(100_000 + 2 * 64 * 1024);
		assertThat(files()).isEmpty();
	}

	@Test
	void deletingTheLastObjectRemovesItsEmptyFolders() throws IOException {
		LocalObjectStore store = store();
		store.put(key, new ByteArrayInputStream(bytes(10)), 10, "image/jpeg");

		store.delete(key);

		try (Stream<Path> left = Files.list(dataDir.resolve("objects"))) {
			assertThat(left).containsExactly(dataDir.resolve("objects/.staging"));
		}
	}

	@Test
	void onlyKeysMadeOfIdsAreAccepted() throws IOException {
		LocalObjectStore store = store();

		for (String bad : List.of("../../etc/passwd", "a/b/c.jpg", key + "/../x.jpg", "/" + key,
				key.replace(".jpg", ".exe"))) {
			assertThatThrownBy(() -> store.open(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
			assertThatThrownBy(() -> store.size(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
			assertThatThrownBy(() -> store.delete(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
		}
	}

	@Test
	void theUploadTargetIsASignedPutOnThisServer() {
		LocalObjectStore store = store();
		Attachment attachment = Attachment.create(Ids.random(), Ids.random(), "dog.png", ImageType.PNG, 10L,
				Instant.now(), Duration.ofMinutes(15));

		UploadTarget target = store.uploadTarget(attachment.uploadGrant(10));

		assertThat(target.method()).isEqualTo("PUT");
		assertThat(target.url().toString()).startsWith("/api/uploads/");
		assertThat(target.headers()).containsEntry("Content-Type", "image/png");
		assertThat(target.expiresAt()).isEqualTo(attachment.uploadExpiresAt());
		assertThat(store.downloadTarget(attachment.objectKey(), "image/png", "dog.png", Instant.now())).isEmpty();
		assertThat(store.clientOrigin()).isEmpty();
	}

	@Test
	void stagedFilesLeftByACrashAreRemovedAtStart() throws IOException {
		Path staging = Files.createDirectories(dataDir.resolve("objects/.staging"));
		Path left = Files.write(staging.resolve("object-1.part"), bytes(10));
		Files.setLastModifiedTime(left, FileTime.from(Instant.now().minus(LocalObjectStore.STALE).minusSeconds(60)));

		store();

		assertThat(left).doesNotExist();
	}

	/** Several nodes may share the folder: a node that starts leaves alone what another is receiving now. */
	@Test
	void aStartLeavesAnUploadInFlightAlone() throws IOException {
		Path staging = Files.createDirectories(dataDir.resolve("objects/.staging"));
		Path inFlight = Files.write(staging.resolve("object-2.part"), bytes(10));

		store();

		assertThat(inFlight).exists();
	}

	private List<Path> files() throws IOException {
		try (Stream<Path> all = Files.walk(dataDir.resolve("objects"))) {
			return all.filter(Files::isRegularFile).toList();
		}
	}

	/** A client that never stops sending. */
	private static final class CountingStream extends InputStream {

		long served;

		@Override
		public int read() {
			served++;
			return 1;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			Arrays.fill(buffer, offset, offset + length, (byte) 1);
			served += length;
			return length;
		}
	}
}
