package app.tasklens.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import app.tasklens.attachment.InvalidImageException.Reason;

/**
 * What an image file says about itself before anything decodes it: its format and its size in pixels,
 * read by a small parser of JPEG frame headers, the PNG IHDR chunk and the WebP VP8, VP8L and VP8X
 * chunks. Checking the size here is what keeps a 20-byte "100,000 × 100,000 pixel" file from reaching
 * an image decoder that would allocate 40 GB for it.
 *
 * <p>{@link #read} stops at the dimensions; {@link #verify} also walks the file's structure to its end
 * marker (JPEG segments and entropy-coded data to EOI, every PNG chunk with its CRC to IEND, the WebP
 * RIFF chunks to the declared length), which catches truncated files and most corruption without
 * decoding pixels. Neither ever throws anything but {@link InvalidImageException} (or an
 * {@link IOException} of the stream itself) whatever the bytes, which the fuzz test holds it to.
 *
 * @param width pixels as stored
 * @param height pixels as stored
 * @param orientation the EXIF orientation 1–8 of a JPEG (1 when absent); 5–8 turn the image a quarter
 */
public record ImageHeader(ImageType type, int width, int height, int orientation) {

	private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

	/** The width as the user sees it, with the EXIF orientation applied. */
	public int displayWidth() {
		return orientation >= 5 ? height : width;
	}

	public int displayHeight() {
		return orientation >= 5 ? width : height;
	}

	public long pixels() {
		return (long) width * height;
	}

	/** Reads the header only. */
	public static ImageHeader read(InputStream in) throws IOException {
		return parse(new Bytes(in), false);
	}

	/** Reads the header, then the rest of the file's structure up to its end. */
	public static ImageHeader verify(InputStream in) throws IOException {
		return parse(new Bytes(in), true);
	}

	private static ImageHeader parse(Bytes in, boolean verify) throws IOException {
		int first = in.peek();
		if (first < 0) {
			throw new InvalidImageException(Reason.EMPTY, "the file is empty");
		}
		if (first == 0xFF) {
			return Jpeg.parse(in, verify);
		}
		if (first == 0x89) {
			return Png.parse(in, verify);
		}
		if (first == 'R') {
			return WebP.parse(in, verify);
		}
		throw unsupported();
	}

	private static InvalidImageException unsupported() {
		return new InvalidImageException(Reason.UNSUPPORTED_TYPE, "the file is not a JPEG, PNG or WebP image");
	}

	private static InvalidImageException corrupt(ImageType type, String detail) {
		return new InvalidImageException(Reason.CORRUPT, "the " + type + " file is corrupt: " + detail);
	}

	private static final class Jpeg {

		private static final int SOI = 0xD8, EOI = 0xD9, SOS = 0xDA, APP1 = 0xE1, TEM = 0x01;

		static ImageHeader parse(Bytes in, boolean verify) throws IOException {
			in.type = ImageType.JPEG;
			if (in.u8() != 0xFF || in.u8() != SOI) {
				throw unsupported();
			}
			int orientation = 1;
			boolean exifSeen = false;
			ImageHeader header = null;
			while (true) {
				int marker = nextMarker(in);
				if (marker == EOI || marker == SOS) {
					if (header == null) {
						throw corrupt(ImageType.JPEG, "no frame header before the image data");
					}
					if (marker == EOI) {
						throw corrupt(ImageType.JPEG, "no image data");
					}
					if (!verify) {
						return header;
					}
					skipSegment(in);
					scanToEnd(in);
					return header;
				}
				if (isStandalone(marker)) {
					continue;
				}
				int length = in.u16be();
				if (length < 2) {
					throw corrupt(ImageType.JPEG, "segment length " + length);
				}
				if (isStartOfFrame(marker)) {
					if (header != null) {
						throw corrupt(ImageType.JPEG, "two frame headers");
					}
					if (length < 8) {
						throw corrupt(ImageType.JPEG, "frame header too short");
					}
					in.u8();
					int height = in.u16be();
					int width = in.u16be();
					if (width == 0 || height == 0) {
						// Height 0 means "given later in a DNL segment", which browsers do not support either.
						throw corrupt(ImageType.JPEG, "frame header with no size");
					}
					in.skip(length - 7);
					header = new ImageHeader(ImageType.JPEG, width, height, orientation);
					if (!verify) {
						return header;
					}
				}
				else if (marker == APP1 && !exifSeen && header == null) {
					byte[] payload = in.bytes(length - 2);
					if (Exif.isExif(payload)) {
						exifSeen = true;
						orientation = Exif.orientation(payload);
					}
				}
				else {
					in.skip(length - 2);
				}
			}
		}

		/** The next marker code, skipping fill bytes ({@code FF FF …}). */
		private static int nextMarker(Bytes in) throws IOException {
			if (in.u8() != 0xFF) {
				throw corrupt(ImageType.JPEG, "expected a marker at byte " + (in.position - 1));
			}
			int marker = in.u8();
			while (marker == 0xFF) {
				marker = in.u8();
			}
			if (marker == 0x00 || marker == SOI) {
				throw corrupt(ImageType.JPEG, "unexpected marker at byte " + (in.position - 1));
			}
			return marker;
		}

		private static void skipSegment(Bytes in) throws IOException {
			int length = in.u16be();
			if (length < 2) {
				throw corrupt(ImageType.JPEG, "segment length " + length);
			}
			in.skip(length - 2);
		}

		/**
		 * Walks entropy-coded data and the segments between scans (progressive JPEGs have many) up to EOI.
		 * Bytes after EOI are allowed: cameras and editors append data there.
		 */
		private static void scanToEnd(Bytes in) throws IOException {
			while (true) {
				if (in.u8() != 0xFF) {
					continue;
				}
				int code = in.u8();
				while (code == 0xFF) {
					code = in.u8();
				}
				if (code == 0x00 || isStandalone(code)) {
					continue;
				}
				if (code == EOI) {
					return;
				}
				if (code == SOI) {
					throw corrupt(ImageType.JPEG, "start marker inside the image data");
				}
				skipSegment(in);
			}
		}

		private static boolean isStandalone(int marker) {
			return marker == TEM || (marker >= 0xD0 && marker <= 0xD7);
		}

		/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
		private static boolean isStartOfFrame(int marker) {
			return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
		}
	}

	/** The orientation tag (0x0112) of IFD0 in an APP1 "Exif" payload; 1 when missing or malformed. */
	private static final class Exif {

		static boolean isExif(byte[] payload) {
			return payload.length >= 6 && payload[0] == 'E' && payload[1] == 'x' && payload[2] == 'i' && payload[3] == 'f'
					&& payload[4] == 0 && payload[5] == 0;
		}

		static int orientation(byte[] payload) {
			int tiff = 6;
			if (payload.length < tiff + 8) {
				return 1;
			}
			boolean little;
			if (payload[tiff] == 'I' && payload[tiff + 1] == 'I') {
				little = true;
			}
			else if (payload[tiff] == 'M' && payload[tiff + 1] == 'M') {
				little = false;
			}
			else {
				return 1;
			}
			long ifd = u32(payload, tiff + 4, little);
			if (ifd < 8 || tiff + ifd + 2 > payload.length) {
				return 1;
			}
			int entries = u16(payload, (int) (tiff + ifd), little);
			for (int i = 0; i < entries; i++) {
				int entry = (int) (tiff + ifd + 2 + 12L * i);
				if (entry + 12 > payload.length) {
					return 1;
				}
				if (u16(payload, entry, little) == 0x0112) {
					int type = u16(payload, entry + 2, little);
					int value = u16(payload, entry + 8, little);
					return type == 3 && value >= 1 && value <= 8 ? value : 1;
				}
			}
			return 1;
		}

		private static int u16(byte[] b, int at, boolean little) {
			int x = b[at] & 0xFF, y = b[at + 1] & 0xFF;
			return little ? x | y << 8 : x << 8 | y;
		}

		private static long u32(byte[] b, int at, boolean little) {
			long high = u16(b, at + (little ? 2 : 0), little), low = u16(b, at + (little ? 0 : 2), little);
			return high << 16 | low;
		}
	}

	private static final class Png {

		private static final long MAX_DIMENSION = Integer.MAX_VALUE;
		private static final long MAX_CHUNK = Integer.MAX_VALUE;

		static ImageHeader parse(Bytes in, boolean verify) throws IOException {
			in.type = ImageType.PNG;
			for (byte expected : PNG_SIGNATURE) {
				if (in.u8() != (expected & 0xFF)) {
					throw unsupported();
				}
			}
			long length = in.u32be();
			byte[] type = in.bytes(4);
			if (length != 13 || !"IHDR".equals(new String(type, StandardCharsets.US_ASCII))) {
				throw corrupt(ImageType.PNG, "the first chunk is not a 13-byte IHDR");
			}
			byte[] data = in.bytes(13);
			checkCrc(in, type, data);
			long width = be32(data, 0);
			long height = be32(data, 4);
			if (width == 0 || height == 0 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
				throw corrupt(ImageType.PNG, "size " + width + " x " + height);
			}
			if (!validDepth(data[8] & 0xFF, data[9] & 0xFF) || data[10] != 0 || data[11] != 0
					|| (data[12] & 0xFF) > 1) {
				throw corrupt(ImageType.PNG, "unknown pixel format");
			}
			ImageHeader header = new ImageHeader(ImageType.PNG, (int) width, (int) height, 1);
			if (verify) {
				walkChunks(in);
			}
			return header;
		}

		private static boolean validDepth(int depth, int colorType) {
			return switch (colorType) {
				case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
				case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
				case 2, 4, 6 -> depth == 8 || depth == 16;
				default -> false;
			};
		}

		private static void walkChunks(Bytes in) throws IOException {
			boolean imageData = false;
			while (true) {
				long length = in.u32be();
				if (length > MAX_CHUNK) {
					throw corrupt(ImageType.PNG, "chunk length " + length);
				}
				byte[] type = in.bytes(4);
				for (byte letter : type) {
					if (!Character.isLetter(letter)) {
						throw corrupt(ImageType.PNG, "chunk type is not four letters");
					}
				}
				String name = new String(type, StandardCharsets.US_ASCII);
				CRC32 crc = new CRC32();
				crc.update(type);
				in.feed(length, crc);
				if (in.u32be() != crc.getValue()) {
					throw corrupt(ImageType.PNG, "chunk " + name + " fails its CRC");
				}
				switch (name) {
					case "IDAT" -> imageData = true;
					case "IHDR" -> throw corrupt(ImageType.PNG, "two IHDR chunks");
					case "IEND" -> {
						if (!imageData) {
							throw corrupt(ImageType.PNG, "no image data");
						}
						return;
					}
					default -> {
					}
				}
			}
		}

		private static void checkCrc(Bytes in, byte[] type, byte[] data) throws IOException {
			CRC32 crc = new CRC32();
			crc.update(type);
			crc.update(data);
			if (in.u32be() != crc.getValue()) {
				throw corrupt(ImageType.PNG, "IHDR fails its CRC");
			}
		}

		private static long be32(byte[] b, int at) {
			return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | (b[at + 3] & 0xFFL);
		}
	}

	private static final class WebP {

		static ImageHeader parse(Bytes in, boolean verify) throws IOException {
			in.type = ImageType.WEBP;
			if (!in.ascii(4).equals("RIFF")) {
				throw unsupported();
			}
			long riffSize = in.u32le();
			if (!in.ascii(4).equals("WEBP")) {
				throw unsupported();
			}
			if (riffSize < 4 + 8 || riffSize % 2 != 0) {
				throw corrupt(ImageType.WEBP, "RIFF size " + riffSize);
			}
			// Position of the end of the RIFF payload, counted from the start of the file.
			long end = 8 + riffSize;
			String fourcc = in.ascii(4);
			long size = in.u32le();
			if (in.position + size > end) {
				throw corrupt(ImageType.WEBP, "chunk " + fourcc.strip() + " runs past the end of the file");
			}
			ImageHeader header;
			long chunkStart = in.position;
			switch (fourcc) {
				case "VP8 " -> header = lossy(in, size);
				case "VP8L" -> header = lossless(in, size);
				case "VP8X" -> header = extended(in, size);
				default -> throw corrupt(ImageType.WEBP, "first chunk is " + fourcc.strip() + ", not an image");
			}
			if (verify) {
				in.skip(size - (in.position - chunkStart) + (size & 1));
				walkChunks(in, end, fourcc.equals("VP8X"));
			}
			return header;
		}

		/** A key frame: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height. */
		private static ImageHeader lossy(Bytes in, long size) throws IOException {
			if (size < 10) {
				throw corrupt(ImageType.WEBP, "VP8 chunk too short");
			}
			int tag = in.u8();
			in.skip(2);
			if ((tag & 1) != 0) {
				throw corrupt(ImageType.WEBP, "VP8 data does not start with a key frame");
			}
			if (in.u8() != 0x9D || in.u8() != 0x01 || in.u8() != 0x2A) {
				throw corrupt(ImageType.WEBP, "VP8 start code missing");
			}
			int width = in.u16le() & 0x3FFF;
			int height = in.u16le() & 0x3FFF;
			return sized(width, height);
		}

		/** Signature 0x2F, then width-1 and height-1 in 14 bits each, least significant bit first. */
		private static ImageHeader lossless(Bytes in, long size) throws IOException {
			if (size < 5) {
				throw corrupt(ImageType.WEBP, "VP8L chunk too short");
			}
			if (in.u8() != 0x2F) {
				throw corrupt(ImageType.WEBP, "VP8L signature missing");
			}
			long bits = in.u32le();
			if ((bits >>> 29) != 0) {
				throw corrupt(ImageType.WEBP, "unknown VP8L version");
			}
			return sized((int) (bits & 0x3FFF) + 1, (int) ((bits >>> 14) & 0x3FFF) + 1);
		}

		/** Flags, 3 reserved bytes, then canvas width-1 and height-1 in 24 bits each. */
		private static ImageHeader extended(Bytes in, long size) throws IOException {
			if (size < 10) {
				throw corrupt(ImageType.WEBP, "VP8X chunk too short");
			}
			in.skip(4);
			return sized(in.u24le() + 1, in.u24le() + 1);
		}

		private static ImageHeader sized(int width, int height) {
			if (width == 0 || height == 0) {
				throw corrupt(ImageType.WEBP, "image with no size");
			}
			return new ImageHeader(ImageType.WEBP, width, height, 1);
		}

		/** The remaining chunks must fill the RIFF payload exactly; an extended file needs image data. */
		private static void walkChunks(Bytes in, long end, boolean extended) throws IOException {
			boolean imageData = !extended;
			while (in.position < end) {
				if (end - in.position < 8) {
					throw corrupt(ImageType.WEBP, "stray bytes at the end of the RIFF data");
				}
				String fourcc = in.ascii(4);
				long size = in.u32le();
				long padded = size + (size & 1);
				if (in.position + padded > end) {
					throw corrupt(ImageType.WEBP, "chunk runs past the end of the RIFF data");
				}
				if (fourcc.equals("VP8 ") || fourcc.equals("VP8L") || fourcc.equals("ANMF")) {
					imageData = true;
				}
				in.skip(padded);
			}
			if (!imageData) {
				throw corrupt(ImageType.WEBP, "no image data");
			}
		}
	}

	/** A buffered reader that counts its position and reports the end of input as a truncated file. */
	private static final class Bytes {

		private final InputStream in;
		private final byte[] buffer = new byte[8192];
		private int next;
		private int limit;
		long position;
		ImageType type;

		Bytes(InputStream in) {
			this.in = in;
		}

		int peek() throws IOException {
			return fill() ? buffer[next] & 0xFF : -1;
		}

		int u8() throws IOException {
			if (!fill()) {
				throw new InvalidImageException(Reason.TRUNCATED, "the " + type + " file is cut short");
			}
			position++;
			return buffer[next++] & 0xFF;
		}

		int u16be() throws IOException {
			return u8() << 8 | u8();
		}

		int u16le() throws IOException {
			return u8() | u8() << 8;
		}

		int u24le() throws IOException {
			return u8() | u8() << 8 | u8() << 16;
		}

		long u32be() throws IOException {
			return (long) u16be() << 16 | u16be();
		}

		long u32le() throws IOException {
			return u16le() | (long) u16le() << 16;
		}

		String ascii(int count) throws IOException {
			return new String(bytes(count), StandardCharsets.US_ASCII);
		}

		/** {@code count} bytes; callers pass at most a segment's length (64 KB). */
		byte[] bytes(int count) throws IOException {
			byte[] bytes = new byte[count];
			for (int i = 0; i < count; i++) {
				bytes[i] = (byte) u8();
			}
			return bytes;
		}

		void skip(long count) throws IOException {
			feed(count, null);
		}

		/** Consumes {@code count} bytes, adding them to {@code crc} when given. */
		void feed(long count, CRC32 crc) throws IOException {
			long left = count;
			while (left > 0) {
				if (!fill()) {
					throw new InvalidImageException(Reason.TRUNCATED, "the " + type + " file is cut short");
				}
				int step = (int) Math.min(left, limit - next);
				if (crc != null) {
					crc.update(buffer, next, step);
				}
				next += step;
				position += step;
				left -= step;
			}
		}

		private boolean fill() throws IOException {
			while (next == limit) {
				int read = in.read(buffer, 0, buffer.length);
				if (read < 0) {
					return false;
				}
				next = 0;
				limit = read;
			}
			return true;
		}
	}
}
