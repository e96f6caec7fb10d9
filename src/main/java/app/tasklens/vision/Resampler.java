package app.tasklens.vision;

/**
 * Resizes interleaved 8-bit BGR pixels straight into a planar float tensor, the layout ONNX models take.
 *
 * <p>The filter is Pillow's bilinear: a triangle whose support widens with the shrink factor, so shrinking
 * averages every source pixel instead of skipping most of them (plain bilinear aliases badly at 4×).
 * MobileNet was trained on images resized this way; for upscaling it is ordinary bilinear.
 */
final class Resampler {

	private Resampler() {
	}

	/**
	 * Filter taps along one axis: output pixel {@code i} is {@code Σ weights[i·span + k] · in[start[i] + k]}
	 * for {@code k < count[i]}.
	 */
	record Taps(int[] start, int[] count, float[] weights, int span) {

		int size() {
			return start.length;
		}

		/** One past the last input sample any output reads. */
		int inputEnd() {
			int end = 0;
			for (int i = 0; i < start.length; i++) {
				end = Math.max(end, start[i] + count[i]);
			}
			return end;
		}
	}

	/**
	 * Taps for resizing {@code inSize} samples to {@code outSize}, for the {@code outCount} outputs starting
	 * at {@code outStart} (a centre crop needs only those).
	 */
	static Taps taps(int inSize, int outSize, int outStart, int outCount) {
		double scale = (double) inSize / outSize;
		double widen = Math.max(scale, 1.0);
		double support = widen;
		int span = (int) Math.ceil(support) * 2 + 1;
		int[] start = new int[outCount];
		int[] count = new int[outCount];
		float[] weights = new float[outCount * span];
		for (int i = 0; i < outCount; i++) {
			double center = (outStart + i + 0.5) * scale;
			int min = Math.max((int) (center - support + 0.5), 0);
			int max = Math.min((int) (center + support + 0.5), inSize);
			double total = 0;
			double[] w = new double[max - min];
			for (int k = 0; k < w.length; k++) {
				w[k] = triangle((min + k - center + 0.5) / widen);
				total += w[k];
			}
			start[i] = min;
			count[i] = w.length;
			for (int k = 0; k < w.length; k++) {
				weights[i * span + k] = (float) (total == 0 ? 0 : w[k] / total);
			}
		}
		return new Taps(start, count, weights, span);
	}

	private static double triangle(double x) {
		double a = Math.abs(x);
		return a < 1 ? 1 - a : 0;
	}

	/**
	 * Where the resized pixels go: three planes of {@code planeSize} floats in {@code out}, row stride
	 * {@code rowStride}; source byte {@code c} (0 = B, 1 = G, 2 = R) lands in plane {@code plane[c]} as
	 * {@code value · scale[c] + offset[c]}; the first output pixel goes to index {@code origin} of each plane
	 * (a letterboxed image sits inside its padding).
	 */
	record Target(float[] out, int rowStride, int planeSize, int[] plane, float[] scale, float[] offset, int origin) {

		Target(float[] out, int rowStride, int planeSize, int[] plane, float[] scale, float[] offset) {
			this(out, rowStride, planeSize, plane, scale, offset, 0);
		}
	}

	/**
	 * Resizes {@code bgr} ({@code width} pixels a row) with {@code xs} and {@code ys} into {@code target},
	 * using {@code scratch} (at least {@link #scratchSize}) for the horizontal pass.
	 */
	static void resize(byte[] bgr, int width, Taps xs, Taps ys, Target target, float[] scratch) {
		int firstRow = ys.start()[0];
		int lastRow = ys.inputEnd();
		int outWidth = xs.size();
		int rowFloats = 3 * outWidth;
		for (int row = firstRow; row < lastRow; row++) {
			int in = 3 * width * row;
			int t = (row - firstRow) * rowFloats;
			for (int x = 0; x < outWidth; x++, t += 3) {
				float b = 0;
				float g = 0;
				float r = 0;
				int s = in + 3 * xs.start()[x];
				int w = x * xs.span();
				for (int k = 0, n = xs.count()[x]; k < n; k++, s += 3) {
					float weight = xs.weights()[w + k];
					b += weight * (bgr[s] & 0xff);
					g += weight * (bgr[s + 1] & 0xff);
					r += weight * (bgr[s + 2] & 0xff);
				}
				scratch[t] = b;
				scratch[t + 1] = g;
				scratch[t + 2] = r;
			}
		}
		float[] out = target.out();
		int planeB = target.plane()[0] * target.planeSize();
		int planeG = target.plane()[1] * target.planeSize();
		int planeR = target.plane()[2] * target.planeSize();
		float[] scale = target.scale();
		float[] offset = target.offset();
		for (int y = 0; y < ys.size(); y++) {
			int rowStart = (ys.start()[y] - firstRow) * rowFloats;
			int w = y * ys.span();
			int n = ys.count()[y];
			int o = target.origin() + y * target.rowStride();
			for (int x = 0; x < outWidth; x++, o++) {
				float b = 0;
				float g = 0;
				float r = 0;
				for (int k = 0, t = rowStart + 3 * x; k < n; k++, t += rowFloats) {
					float weight = ys.weights()[w + k];
					b += weight * scratch[t];
					g += weight * scratch[t + 1];
					r += weight * scratch[t + 2];
				}
				out[planeB + o] = b * scale[0] + offset[0];
				out[planeG + o] = g * scale[1] + offset[1];
				out[planeR + o] = r * scale[2] + offset[2];
			}
		}
	}

	/** Floats the horizontal pass needs for these taps. */
	static int scratchSize(Taps xs, Taps ys) {
		return 3 * xs.size() * (ys.inputEnd() - ys.start()[0]);
	}
}
