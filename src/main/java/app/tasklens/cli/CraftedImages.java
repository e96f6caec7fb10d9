package app.tasklens.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Images made to attack decoders, for {@code bench-hardening} and the decoding tests. */
public final class CraftedImages {

	private CraftedImages() {
	}

	/**
	 * A lossless WebP of 44 bytes whose header declares {@code width × height} pixels: a decoder that trusts the
	 * header allocates them all. Five one-symbol prefix codes make every pixel the same, so it is valid.
	 */
	public static byte[] webpBomb(int width, int height) {
		long bits = 0;
		int count = 0;
		long[] fields = { width - 1, 14, height - 1, 14, 0, 1, 0, 3, 0, 1, 0, 1, 0, 1 };
		for (int i = 0; i < fields.length; i += 2) {
			bits |= fields[i] << count;
			count += (int) fields[i + 1];
		}
		// No transform, no colour cache, no meta codes (the three 0 bits above); then five simple prefix
		// codes of one 1-bit symbol, 0: bits 1, 0, 0, 0 each.
		for (int code = 0; code < 5; code++) {
			bits |= 1L << count;
			count += 4;
		}
		ByteBuffer vp8l = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
		vp8l.put((byte) 0x2F).putLong(bits);
		// TwelveMonkeys' bit reader reads 8 bytes at a time: the rest is zero padding it may read past the data.
		ByteBuffer file = ByteBuffer.allocate(20 + vp8l.capacity()).order(ByteOrder.LITTLE_ENDIAN);
		file.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + vp8l.capacity())
			.put("WEBP".getBytes(StandardCharsets.US_ASCII)).put("VP8L".getBytes(StandardCharsets.US_ASCII))
			.putInt(vp8l.capacity()).put(vp8l.array());
		return file.array();
	}
}
