package app.tasklens.vision;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.SinglePixelPackedSampleModel;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * An image as packed {@code 0xRRGGBB} ints, and the two ways PP-OCRv4 wants it: the whole image resized for
 * the detector, and one text region cut out, straightened and scaled to the recogniser's height.
 */
final class OcrPixels {

	/**
	 * The ImageNet statistics as PaddleOCR applies them: in their listed order to the B, G, R planes OpenCV
	 * loads, so blue gets red's mean. The detector was trained on exactly that.
	 */
	private static final float[] DETECTOR_MEAN = { 0.485f, 0.456f, 0.406f };
	private static final float[] DETECTOR_STD = { 0.229f, 0.224f, 0.225f };

	private final int[] rgb;
	private final int width;
	private final int height;

	OcrPixels(int[] rgb, int width, int height) {
		this.rgb = rgb;
		this.width = width;
		this.height = height;
	}

	/** Reads the pixels, without copying when the image already stores packed RGB ints. */
	static OcrPixels of(BufferedImage image) {
		int w = image.getWidth();
		int h = image.getHeight();
		int type = image.getType();
		var raster = image.getRaster();
		if ((type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB)
				&& raster.getSampleModel() instanceof SinglePixelPackedSampleModel model
				&& model.getScanlineStride() == w && raster.getSampleModelTranslateX() == 0
				&& raster.getSampleModelTranslateY() == 0 && raster.getDataBuffer() instanceof DataBufferInt ints
				&& ints.getOffset() == 0) {
			return new OcrPixels(ints.getData(), w, h);
		}
		if (type == BufferedImage.TYPE_3BYTE_BGR && raster.getSampleModel() instanceof PixelInterleavedSampleModel model
				&& model.getScanlineStride() == w * 3 && raster.getSampleModelTranslateX() == 0
				&& raster.getSampleModelTranslateY() == 0 && raster.getDataBuffer() instanceof DataBufferByte bytes
				&& bytes.getOffset() == 0) {
			byte[] bgr = bytes.getData();
			int[] packed = new int[w * h];
			for (int i = 0, j = 0; i < packed.length; i++, j += 3) {
				packed[i] = (bgr[j + 2] & 0xff) << 16 | (bgr[j + 1] & 0xff) << 8 | (bgr[j] & 0xff);
			}
			return new OcrPixels(packed, w, h);
		}
		return new OcrPixels(image.getRGB(0, 0, w, h, null, 0, w), w, h);
	}

	int width() {
		return width;
	}

	int height() {
		return height;
	}

	/**
	 * Writes the detector's input: the image resized to {@code outW x outH}, planes B, G, R, each value
	 * {@code (v/255 - mean) / std} with {@link #DETECTOR_MEAN}'s order. Shrinking by more than half averages
	 * over a wider triangle (see {@link Taps#of}), so thin strokes survive where bilinear sampling skips them.
	 */
	void writeDetectorInput(FloatBuffer out, int outW, int outH) {
		Taps across = Taps.of(width, outW);
		Taps down = Taps.of(height, outH);
		boolean[] needed = new boolean[height];
		for (int o = 0; o < outH; o++) {
			for (int k = 0; k < down.count[o]; k++) {
				needed[down.start[o] + k] = true;
			}
		}
		// Horizontal pass into planar R, G, B rows, only for the source rows the vertical pass reads.
		float[][] rows = new float[3][height * outW];
		float[][] line = new float[3][width];
		for (int y = 0; y < height; y++) {
			if (!needed[y]) {
				continue;
			}
			for (int x = 0, i = y * width; x < width; x++, i++) {
				int p = rgb[i];
				line[0][x] = p >> 16 & 0xff;
				line[1][x] = p >> 8 & 0xff;
				line[2][x] = p & 0xff;
			}
			for (int c = 0; c < 3; c++) {
				float[] src = line[c];
				float[] dst = rows[c];
				int at = y * outW;
				for (int o = 0; o < outW; o++) {
					int base = o * across.max;
					int from = across.start[o];
					float v = 0;
					for (int k = 0; k < across.count[o]; k++) {
						v += across.weight[base + k] * src[from + k];
					}
					dst[at + o] = v;
				}
			}
		}
		int plane = outW * outH;
		int origin = out.position();
		float[] acc = new float[outW];
		// Output planes are B, G, R; rows[] holds R, G, B.
		for (int c = 0; c < 3; c++) {
			float[] src = rows[2 - c];
			float scale = 1f / (255f * DETECTOR_STD[c]);
			float shift = DETECTOR_MEAN[c] / DETECTOR_STD[c];
			for (int oy = 0; oy < outH; oy++) {
				Arrays.fill(acc, 0f);
				int base = oy * down.max;
				for (int k = 0; k < down.count[oy]; k++) {
					float wt = down.weight[base + k] * scale;
					int from = (down.start[oy] + k) * outW;
					for (int ox = 0; ox < outW; ox++) {
						acc[ox] += wt * src[from + ox];
					}
				}
				for (int ox = 0; ox < outW; ox++) {
					acc[ox] -= shift;
				}
				out.put(origin + c * plane + oy * outW, acc);
			}
		}
		out.position(origin + 3 * plane);
	}

	/**
	 * Writes one recogniser input: the region inside {@code quad} straightened to {@code outW x height}
	 * pixels, planes B, G, R, each value {@code (v/255 - 0.5) / 0.5}, and the columns from {@code outW} to
	 * {@code paddedW} left at 0 (mid grey), as PaddleOCR pads a batch. Regions taller than the target are
	 * averaged over up to 3x3 samples per output pixel.
	 */
	void writeRecogniserInput(FloatBuffer out, int offset, Quad quad, int outW, int outH, int paddedW) {
		int k = (int) Math.max(1, Math.min(3, Math.round(quad.height() / outH)));
		int plane = outH * paddedW;
		float norm = 1f / (127.5f * k * k);
		for (int oy = 0; oy < outH; oy++) {
			for (int ox = 0; ox < outW; ox++) {
				float r = 0, g = 0, b = 0;
				for (int sy = 0; sy < k; sy++) {
					double v = (oy + (sy + 0.5) / k) / outH;
					for (int sx = 0; sx < k; sx++) {
						double u = (ox + (sx + 0.5) / k) / outW;
						int p = bilinear(quad.xAt(u, v), quad.yAt(u, v));
						r += p >> 16 & 0xff;
						g += p >> 8 & 0xff;
						b += p & 0xff;
					}
				}
				int at = offset + oy * paddedW + ox;
				out.put(at, b * norm - 1f);
				out.put(at + plane, g * norm - 1f);
				out.put(at + 2 * plane, r * norm - 1f);
			}
			for (int ox = outW; ox < paddedW; ox++) {
				int at = offset + oy * paddedW + ox;
				out.put(at, 0f);
				out.put(at + plane, 0f);
				out.put(at + 2 * plane, 0f);
			}
		}
	}

	/** Bilinear sample at a point where pixel {@code i} is centred on {@code i}; edges repeat outward. */
	private int bilinear(double x, double y) {
		x = Math.max(0, Math.min(width - 1, x));
		y = Math.max(0, Math.min(height - 1, y));
		int x0 = (int) x;
		int y0 = (int) y;
		int x1 = Math.min(width - 1, x0 + 1);
		int y1 = Math.min(height - 1, y0 + 1);
		double fx = x - x0;
		double fy = y - y0;
		int a = rgb[y0 * width + x0], b = rgb[y0 * width + x1], c = rgb[y1 * width + x0], d = rgb[y1 * width + x1];
		int result = 0;
		for (int shift = 16; shift >= 0; shift -= 8) {
			double top = (a >> shift & 0xff) * (1 - fx) + (b >> shift & 0xff) * fx;
			double bottom = (c >> shift & 0xff) * (1 - fx) + (d >> shift & 0xff) * fx;
			result |= (int) Math.round(top * (1 - fy) + bottom * fy) << shift;
		}
		return result;
	}

	/** Resampling weights from {@code from} source pixels to {@code to} output pixels along one axis. */
	static final class Taps {

		final int[] start;
		final int[] count;
		final float[] weight;
		final int max;

		private Taps(int[] start, int[] count, float[] weight, int max) {
			this.start = start;
			this.count = count;
			this.weight = weight;
			this.max = max;
		}

		/**
		 * A triangle filter of half-width 1 source pixel (plain bilinear, as PaddleOCR resizes) up to halving,
		 * then half the scale, capped at 3 so a huge photo shrunk for the text gate stays cheap. On rendered
		 * pages at 14–34 px this read as many words as a triangle as wide as the scale, at half the cost.
		 */
		static Taps of(int from, int to) {
			double scale = (double) from / to;
			double support = Math.min(3, Math.max(1, scale / 2));
			int max = (int) Math.ceil(support) * 2 + 1;
			int[] start = new int[to];
			int[] count = new int[to];
			float[] weight = new float[to * max];
			for (int o = 0; o < to; o++) {
				double centre = (o + 0.5) * scale - 0.5;
				int lo = Math.max(0, (int) Math.floor(centre - support) + 1);
				int hi = Math.min(from - 1, (int) Math.ceil(centre + support) - 1);
				if (hi < lo) {
					lo = hi = (int) Math.max(0, Math.min(from - 1, Math.round(centre)));
				}
				double total = 0;
				double[] w = new double[hi - lo + 1];
				for (int i = lo; i <= hi; i++) {
					w[i - lo] = Math.max(0, 1 - Math.abs(i - centre) / support);
					total += w[i - lo];
				}
				if (total == 0) {
					w[Math.min(w.length - 1, (int) Math.round(centre) - lo)] = total = 1;
				}
				start[o] = lo;
				count[o] = w.length;
				for (int i = 0; i < w.length; i++) {
					weight[o * max + i] = (float) (w[i] / total);
				}
			}
			return new Taps(start, count, weight, max);
		}
	}
}
