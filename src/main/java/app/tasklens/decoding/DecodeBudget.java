package app.tasklens.decoding;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Semaphore;

import javax.imageio.stream.ImageInputStream;

/**
 * The memory all image decodes of the process may hold at once. A decode reserves what it will allocate
 * before it allocates it, and gives it back when its pixels are no longer used; decodes that do not fit
 * together wait (first come, first served), and one that does not fit even alone is refused with
 * {@link ImageTooLargeToDecodeException}. So the heap that decoding takes is bounded by this budget
 * whatever the images and however many arrive at once, instead of by luck: two 44-byte WebP files
 * declaring 10000 × 5000 pixels each took 200 MB and the server with them.
 *
 * <p>What a decode costs is estimated from the image's header and the subsampling step the caller will
 * read it with ({@link #cost}): the decoded pixels at {@value #BYTES_PER_DECODED_PIXEL} bytes each (the
 * reader's raster at up to 8 bytes a pixel for 16-bit RGBA, plus the copies callers make for the models),
 * and for the formats whose reader decodes every stored pixel whatever the subsampling (lossless WebP and
 * WebP with an alpha plane, as TwelveMonkeys' reader does) 4 bytes for each stored pixel as well.
 * JPEG, PNG, lossy WebP, GIF and BMP honour source subsampling while decoding, so only the subsampled
 * pixels count for them.
 */
public final class DecodeBudget {

	static final int BYTES_PER_DECODED_PIXEL = 16;
	static final int BYTES_PER_STORED_PIXEL = 4;
	/** Share of the maximum heap that decoding may take when no budget is configured. */
	static final double HEAP_SHARE = 0.4;

	private static final long UNIT = 1024;

	private final long bytes;
	private final Semaphore units;

	/** @param bytes what all decodes together may hold */
	public DecodeBudget(long bytes) {
		if (bytes < UNIT) {
			throw new IllegalArgumentException("a decoding budget needs at least 1 KB, not " + bytes + " bytes");
		}
		this.bytes = bytes;
		this.units = new Semaphore((int) Math.min(Integer.MAX_VALUE, bytes / UNIT), true);
	}

	/** {@value #HEAP_SHARE} of this process's maximum heap, the default of the server and the commands. */
	public static DecodeBudget ofHeap() {
		return new DecodeBudget(heapShare());
	}

	static long heapShare() {
		return (long) (Runtime.getRuntime().maxMemory() * HEAP_SHARE);
	}

	public long bytes() {
		return bytes;
	}

	/** Memory reserved for one decode; closing it (once) gives it back. */
	public interface Reservation extends AutoCloseable {
		@Override
		void close();
	}

	/**
	 * Reserves what decoding {@code input} (positioned at its start, left there) of {@code width × height}
	 * stored pixels with subsampling {@code step} costs, waiting while other decodes hold the budget.
	 *
	 * @param format the reader's format name (JPEG, PNG, WEBP…), for the estimate and the message
	 * @throws ImageTooLargeToDecodeException when the decode would need more than the whole budget
	 */
	public Reservation reserve(String format, ImageInputStream input, int width, int height, int step)
			throws IOException {
		long cost = cost(width, height, step, decodesEveryPixel(format, input));
		if (cost > bytes) {
			throw new ImageTooLargeToDecodeException("the " + format + " image is " + width + " × " + height
					+ " pixels; decoding it needs " + megabytes(cost) + ", more than the " + megabytes(bytes)
					+ " this server sets aside for decoding images");
		}
		int needed = (int) Math.max(1, (cost + UNIT - 1) / UNIT);
		try {
			units.acquire(needed);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for memory to decode an image", ex);
		}
		return new Reservation() {
			private boolean closed;

			@Override
			public synchronized void close() {
				if (!closed) {
					closed = true;
					units.release(needed);
				}
			}
		};
	}

	/** Bytes a decode of {@code width × height} stored pixels read with subsampling {@code step} holds. */
	static long cost(int width, int height, int step, boolean decodesEveryPixel) {
		long decoded = (long) ceilDiv(width, step) * ceilDiv(height, step);
		long cost = decoded * BYTES_PER_DECODED_PIXEL;
		if (decodesEveryPixel) {
			cost += (long) width * height * BYTES_PER_STORED_PIXEL;
		}
		return cost;
	}

	/**
	 * Whether the reader of this file decodes all stored pixels before it subsamples: TwelveMonkeys' WebP
	 * reader does so for lossless data ({@code VP8L}) and for an alpha plane ({@code ALPH}), which are
	 * found by walking the RIFF chunk headers. Lossy data ({@code VP8 }) is decoded subsampled, row by row.
	 */
	static boolean decodesEveryPixel(String format, ImageInputStream input) throws IOException {
		if (!format.toUpperCase(Locale.ROOT).equals("WEBP")) {
			return false;
		}
		ByteOrder order = input.getByteOrder();
		input.mark();
		try {
			input.setByteOrder(ByteOrder.LITTLE_ENDIAN);
			// The reader has read the header by now; the chunks are walked from the file's start.
			input.seek(0);
			input.skipBytes(12);
			// A file whose chunks cannot be walked is charged as the costly kind; its reader refuses it anyway.
			for (int chunk = 0; chunk < 64; chunk++) {
				byte[] fourcc = new byte[4];
				if (input.read(fourcc) < 4) {
					return chunk == 0;
				}
				long size = input.readUnsignedInt();
				String name = new String(fourcc, StandardCharsets.US_ASCII);
				if (name.equals("VP8L") || name.equals("ALPH")) {
					return true;
				}
				if (name.equals("VP8 ")) {
					return false;
				}
				input.seek(input.getStreamPosition() + size + (size & 1));
			}
			return true;
		}
		catch (EOFException | IndexOutOfBoundsException ex) {
			return true;
		}
		finally {
			input.reset();
			input.setByteOrder(order);
		}
	}

	private static int ceilDiv(int value, int step) {
		return (value + step - 1) / step;
	}

	private static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
	}
}
