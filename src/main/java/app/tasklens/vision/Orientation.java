package app.tasklens.vision;

import java.awt.image.BufferedImage;

/**
 * EXIF orientation (tag 0x0112): how the stored pixels must be turned to show the image as the camera
 * held it. Boxes are reported in that shown orientation, so the pixels are turned before inference.
 */
enum Orientation {

	/** 1: as stored. */
	NORMAL,
	/** 2: mirrored left–right. */
	MIRROR_HORIZONTAL,
	/** 3: turned 180°. */
	ROTATE_180,
	/** 4: mirrored top–bottom. */
	MIRROR_VERTICAL,
	/** 5: mirrored along the main diagonal (top-left stays top-left). */
	TRANSPOSE,
	/** 6: turned 90° clockwise. */
	ROTATE_90_CW,
	/** 7: mirrored along the anti-diagonal. */
	TRANSVERSE,
	/** 8: turned 90° counter-clockwise. */
	ROTATE_90_CCW;

	/** Unknown or out-of-range tag values mean "as stored", as viewers treat them. */
	static Orientation fromExif(int tag) {
		return tag >= 1 && tag <= 8 ? values()[tag - 1] : NORMAL;
	}

	boolean swapsSides() {
		return ordinal() >= TRANSPOSE.ordinal();
	}

	/** A new canonical BGR image (see {@link BgrImages}) turned from {@code source}, or the source itself. */
	BufferedImage apply(BufferedImage source) {
		if (this == NORMAL) {
			return source;
		}
		int w = source.getWidth();
		int h = source.getHeight();
		BufferedImage target = swapsSides() ? BgrImages.create(h, w) : BgrImages.create(w, h);
		byte[] in = BgrImages.bytes(source);
		byte[] out = BgrImages.bytes(target);
		int outWidth = target.getWidth();
		int outHeight = target.getHeight();
		for (int y = 0; y < outHeight; y++) {
			for (int x = 0; x < outWidth; x++) {
				int s = 3 * sourceIndex(x, y, w, h);
				int o = 3 * (y * outWidth + x);
				out[o] = in[s];
				out[o + 1] = in[s + 1];
				out[o + 2] = in[s + 2];
			}
		}
		return target;
	}

	/** The stored pixel (as {@code y × w + x}) shown at {@code (x, y)}; {@code w}, {@code h} are stored sides. */
	int sourceIndex(int x, int y, int w, int h) {
		return switch (this) {
			case NORMAL -> y * w + x;
			case MIRROR_HORIZONTAL -> y * w + (w - 1 - x);
			case ROTATE_180 -> (h - 1 - y) * w + (w - 1 - x);
			case MIRROR_VERTICAL -> (h - 1 - y) * w + x;
			case TRANSPOSE -> x * w + y;
			case ROTATE_90_CW -> (h - 1 - x) * w + y;
			case TRANSVERSE -> (h - 1 - x) * w + (w - 1 - y);
			case ROTATE_90_CCW -> x * w + (w - 1 - y);
		};
	}
}
