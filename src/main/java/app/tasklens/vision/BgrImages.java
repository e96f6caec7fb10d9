package app.tasklens.vision;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns whatever an ImageIO reader returns into the one layout the models read: 8-bit BGR, interleaved,
 * row stride {@code 3 × width}, alpha composited on white (a transparent logo reads as a logo on a page,
 * not on black).
 *
 * <p>Gray and RGB samples are read from the raster and scaled, not passed through the colour model:
 * Java treats 8-bit gray as linear and would brighten it through the sRGB curve, while files store gray
 * already gamma-encoded.
 */
final class BgrImages {

	private BgrImages() {
	}

	static BufferedImage create(int width, int height) {
		return new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
	}

	/** The interleaved B, G, R bytes of an image made by {@link #create} or {@link #toBgr}. */
	static byte[] bytes(BufferedImage image) {
		return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
	}

	static BufferedImage toBgr(BufferedImage source) {
		if (isCanonical(source)) {
			return source;
		}
		int width = source.getWidth();
		int height = source.getHeight();
		BufferedImage target = create(width, height);
		byte[] out = bytes(target);
		ColorModel model = source.getColorModel();
		Raster raster = source.getRaster();
		int colorSpace = model.getColorSpace().getType();
		if (model instanceof IndexColorModel palette) {
			copyPalette(raster, palette, out);
		}
		else if (colorSpace == ColorSpace.TYPE_GRAY || colorSpace == ColorSpace.TYPE_RGB) {
			copySamples(raster, model, out);
		}
		else {
			copyThroughColorModel(source, out);
		}
		return target;
	}

	private static boolean isCanonical(BufferedImage image) {
		if (image.getType() != BufferedImage.TYPE_3BYTE_BGR || image.getRaster().getParent() != null
				|| !(image.getRaster().getSampleModel() instanceof ComponentSampleModel model)) {
			return false;
		}
		DataBufferByte buffer = (DataBufferByte) image.getRaster().getDataBuffer();
		return buffer.getNumBanks() == 1 && buffer.getOffset() == 0 && model.getPixelStride() == 3
				&& model.getScanlineStride() == 3 * image.getWidth()
				&& image.getRaster().getSampleModelTranslateX() == 0
				&& image.getRaster().getSampleModelTranslateY() == 0;
	}

	private static void copyPalette(Raster raster, IndexColorModel palette, byte[] out) {
		int width = raster.getWidth();
		int[] row = new int[width];
		int[] argb = new int[palette.getMapSize()];
		palette.getRGBs(argb);
		for (int y = 0; y < raster.getHeight(); y++) {
			raster.getSamples(raster.getMinX(), raster.getMinY() + y, width, 1, 0, row);
			int o = 3 * width * y;
			for (int x = 0; x < width; x++, o += 3) {
				int color = row[x] < argb.length ? argb[row[x]] : 0;
				putArgb(out, o, color);
			}
		}
	}

	/** Gray, gray + alpha, RGB or RGBA samples of any bit depth (8, 16, packed). */
	private static void copySamples(Raster raster, ColorModel model, byte[] out) {
		int width = raster.getWidth();
		int bands = raster.getNumBands();
		int colors = model.getNumColorComponents();
		boolean alpha = model.hasAlpha() && bands > colors;
		boolean premultiplied = model.isAlphaPremultiplied();
		int[] max = new int[bands];
		for (int b = 0; b < bands; b++) {
			max[b] = (int) ((1L << raster.getSampleModel().getSampleSize(b)) - 1);
		}
		int[] row = new int[width * bands];
		for (int y = 0; y < raster.getHeight(); y++) {
			raster.getPixels(raster.getMinX(), raster.getMinY() + y, width, 1, row);
			int o = 3 * width * y;
			for (int x = 0, s = 0; x < width; x++, s += bands, o += 3) {
				int r = to8Bit(row[s], max[0]);
				int g = colors == 1 ? r : to8Bit(row[s + 1], max[1]);
				int b = colors == 1 ? r : to8Bit(row[s + 2], max[2]);
				if (alpha) {
					int a = row[s + colors];
					int maxA = max[colors];
					r = onWhite(r, a, maxA, premultiplied);
					g = onWhite(g, a, maxA, premultiplied);
					b = onWhite(b, a, maxA, premultiplied);
				}
				out[o] = (byte) b;
				out[o + 1] = (byte) g;
				out[o + 2] = (byte) r;
			}
		}
	}

	/** CMYK, Lab and other colour spaces a reader left unconverted: let the colour model do the work. */
	private static void copyThroughColorModel(BufferedImage source, byte[] out) {
		int width = source.getWidth();
		int[] row = new int[width];
		for (int y = 0; y < source.getHeight(); y++) {
			source.getRGB(0, y, width, 1, row, 0, width);
			for (int x = 0, o = 3 * width * y; x < width; x++, o += 3) {
				putArgb(out, o, row[x]);
			}
		}
	}

	private static void putArgb(byte[] out, int offset, int argb) {
		int a = argb >>> 24;
		out[offset] = (byte) onWhite(argb & 0xff, a, 255, false);
		out[offset + 1] = (byte) onWhite((argb >> 8) & 0xff, a, 255, false);
		out[offset + 2] = (byte) onWhite((argb >> 16) & 0xff, a, 255, false);
	}

	/** Scales a sample of range 0–{@code max} to 0–255, rounding to nearest. */
	static int to8Bit(int sample, int max) {
		return max == 255 ? sample : (int) (((long) sample * 255 + max / 2) / max);
	}

	/** Composites an 8-bit colour value with alpha 0–{@code maxAlpha} over white. */
	static int onWhite(int value, int alpha, int maxAlpha, boolean premultiplied) {
		long white = 255L * (maxAlpha - alpha);
		if (premultiplied) {
			return (int) Math.min(255, value + (white + maxAlpha / 2) / maxAlpha);
		}
		return (int) (((long) value * alpha + white + maxAlpha / 2) / maxAlpha);
	}
}
