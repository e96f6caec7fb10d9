package app.tasklens.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * An object read front to back in ranged requests that grow (64 KB, then up to 1 MB each): a header check
 * stops after the first one or two, and never pulls a whole 15 MB object over the network to learn the
 * size of an image. {@link #open} answers empty when the object is not there.
 */
final class RangedObjectStream extends InputStream {

	static final int FIRST = 64 * 1024;
	private static final int LARGEST = 1024 * 1024;

	private final ObjectStore store;
	private final String key;
	private final long size;
	private InputStream range;
	private long rangeEnd;
	private int next = FIRST;
	private long position;

	private RangedObjectStream(ObjectStore store, String key, long size, InputStream first) {
		this.store = store;
		this.key = key;
		this.size = size;
		this.range = first;
		this.rangeEnd = Math.min(size, FIRST);
	}

	/** The first {@code size} bytes of the object, or empty when there is no such object. */
	static Optional<InputStream> open(ObjectStore store, String key, long size) throws IOException {
		Optional<InputStream> first = store.open(key, 0, Math.min(size, FIRST));
		return first.map(in -> new RangedObjectStream(store, key, size, in));
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		while (true) {
			int read = range == null ? -1 : range.read(buffer, offset, length);
			if (read > 0) {
				position += read;
				return read;
			}
			if (read == 0) {
				return 0;
			}
			if (position >= size || position < rangeEnd) {
				// The end of the object, or the store gave fewer bytes than asked: it is shorter than announced.
				return -1;
			}
			nextRange();
		}
	}

	private void nextRange() throws IOException {
		range.close();
		next = Math.min(LARGEST, next * 2);
		long length = Math.min(next, size - position);
		range = store.open(key, position, length).orElse(null);
		rangeEnd = position + length;
	}

	@Override
	public void close() throws IOException {
		if (range != null) {
			range.close();
		}
	}
}
