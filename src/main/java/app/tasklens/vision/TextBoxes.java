package app.tasklens.vision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the PP-OCRv4 detector's probability map into text boxes, as PaddleOCR's DB post-processing does:
 * pixels above {@link #THRESHOLD} form 8-connected regions, each region's minimum-area rectangle is kept
 * when the mean probability inside it reaches {@link #MIN_SCORE}, and is then grown ("unclipped") because
 * the model was trained to mark a shrunken core of each text line.
 */
final class TextBoxes {

	static final float THRESHOLD = 0.3f;
	static final double MIN_SCORE = 0.6;
	static final double UNCLIP_RATIO = 1.5;
	/** Rectangles thinner than this (map pixels) are specks, not text; PaddleOCR's {@code min_size}. */
	static final double MIN_SIDE = 3;
	/** PaddleOCR's {@code max_candidates}: bounds the work on a noisy map. */
	static final int MAX_REGIONS = 1000;
	/** Map pixels above the threshold that make the text gate open; fewer are specks. */
	static final int GATE_PIXELS = 4;

	/** A text box on the map, already grown, with the mean probability of its core. */
	record Found(Quad box, double score) {
	}

	private TextBoxes() {
	}

	static List<Found> find(float[] prob, int width, int height) {
		List<Found> found = new ArrayList<>();
		for (Region region : regions(prob, width, height, THRESHOLD, MAX_REGIONS)) {
			Quad core = minAreaRect(region.xs(), region.ys());
			if (shortSide(core) < MIN_SIDE) {
				continue;
			}
			double score = meanInside(prob, width, height, core);
			if (score < MIN_SCORE) {
				continue;
			}
			Quad box = unclip(core, UNCLIP_RATIO);
			if (shortSide(box) < MIN_SIDE + 2) {
				continue;
			}
			found.add(new Found(box, score));
		}
		return found;
	}

	/**
	 * The text gate's test on a small copy: a few pixels above {@link #THRESHOLD}. Text there may be only a
	 * pixel or two tall, too thin to pass {@link #find}'s box checks; photos without text leave the map at
	 * practically zero, so a handful of pixels is a clear signal.
	 */
	static boolean mayContainText(float[] prob) {
		int above = 0;
		for (float p : prob) {
			if (p > THRESHOLD && ++above >= GATE_PIXELS) {
				return true;
			}
		}
		return false;
	}

	/**
	 * An 8-connected region of map pixels above the threshold, reduced to the outline points that decide
	 * its convex hull: the leftmost and rightmost pixel of each row, sorted by row, then column.
	 */
	record Region(int[] xs, int[] ys) {
	}

	static List<Region> regions(float[] prob, int width, int height, float threshold, int limit) {
		List<Region> regions = new ArrayList<>();
		int[] label = new int[width * height];
		int[] stack = null;
		int next = 0;
		for (int start = 0; start < prob.length && regions.size() < limit; start++) {
			if (prob[start] <= threshold || label[start] != 0) {
				continue;
			}
			if (stack == null) {
				stack = new int[width * height];
			}
			next++;
			int top = 0;
			stack[top++] = start;
			label[start] = next;
			int minY = start / width;
			int maxY = minY;
			int count = 0;
			// Breadth first: the queue keeps every pixel of the region, read up to 'top' at the end.
			int[] pixels = stack;
			int read = 0;
			while (read < top) {
				int p = pixels[read++];
				count++;
				int px = p % width;
				int py = p / width;
				maxY = Math.max(maxY, py);
				for (int dy = -1; dy <= 1; dy++) {
					int ny = py + dy;
					if (ny < 0 || ny >= height) {
						continue;
					}
					for (int dx = -1; dx <= 1; dx++) {
						int nx = px + dx;
						if (nx < 0 || nx >= width) {
							continue;
						}
						int q = ny * width + nx;
						if (label[q] == 0 && prob[q] > threshold) {
							label[q] = next;
							pixels[top++] = q;
						}
					}
				}
			}
			regions.add(outline(pixels, count, width, minY, maxY));
		}
		return regions;
	}

	private static Region outline(int[] pixels, int count, int width, int minY, int maxY) {
		int rows = maxY - minY + 1;
		int[] left = new int[rows];
		int[] right = new int[rows];
		Arrays.fill(left, Integer.MAX_VALUE);
		Arrays.fill(right, -1);
		for (int i = 0; i < count; i++) {
			int x = pixels[i] % width;
			int r = pixels[i] / width - minY;
			left[r] = Math.min(left[r], x);
			right[r] = Math.max(right[r], x);
		}
		int[] xs = new int[rows * 2];
		int[] ys = new int[rows * 2];
		int n = 0;
		for (int r = 0; r < rows; r++) {
			xs[n] = left[r];
			ys[n++] = minY + r;
			if (right[r] != left[r]) {
				xs[n] = right[r];
				ys[n++] = minY + r;
			}
		}
		return new Region(Arrays.copyOf(xs, n), Arrays.copyOf(ys, n));
	}

	/**
	 * The smallest rectangle, at any angle, around points given sorted by y then x (pixel centres), by
	 * rotating calipers over their convex hull. Corners come in PaddleOCR's order: of the two leftmost, the
	 * upper is top left; of the two rightmost, the upper is top right.
	 */
	static Quad minAreaRect(int[] xs, int[] ys) {
		int[] hull = convexHull(xs, ys);
		int h = hull.length;
		if (h == 1) {
			return new Quad(xs[hull[0]], ys[hull[0]], xs[hull[0]], ys[hull[0]], xs[hull[0]], ys[hull[0]], xs[hull[0]],
					ys[hull[0]]);
		}
		double bestArea = Double.MAX_VALUE;
		double[] best = null;
		for (int i = 0; i < h; i++) {
			int a = hull[i];
			int b = hull[(i + 1) % h];
			double ex = xs[b] - xs[a];
			double ey = ys[b] - ys[a];
			double len = Math.hypot(ex, ey);
			if (len == 0) {
				continue;
			}
			ex /= len;
			ey /= len;
			double minE = Double.MAX_VALUE, maxE = -Double.MAX_VALUE, minN = Double.MAX_VALUE, maxN = -Double.MAX_VALUE;
			for (int k : hull) {
				double e = xs[k] * ex + ys[k] * ey;
				double n = -xs[k] * ey + ys[k] * ex;
				minE = Math.min(minE, e);
				maxE = Math.max(maxE, e);
				minN = Math.min(minN, n);
				maxN = Math.max(maxN, n);
			}
			double area = (maxE - minE) * (maxN - minN);
			if (area < bestArea - 1e-9) {
				bestArea = area;
				best = new double[] { ex, ey, minE, maxE, minN, maxN };
			}
		}
		double ex = best[0], ey = best[1];
		double[][] corners = new double[4][];
		int c = 0;
		for (double e : new double[] { best[2], best[3] }) {
			for (double n : new double[] { best[4], best[5] }) {
				corners[c++] = new double[] { e * ex - n * ey, e * ey + n * ex };
			}
		}
		return ordered(corners);
	}

	private static Quad ordered(double[][] corners) {
		double[][] p = corners.clone();
		Arrays.sort(p, (a, b) -> Double.compare(a[0], b[0]));
		double[] tl = p[1][1] > p[0][1] ? p[0] : p[1];
		double[] bl = p[1][1] > p[0][1] ? p[1] : p[0];
		double[] tr = p[3][1] > p[2][1] ? p[2] : p[3];
		double[] br = p[3][1] > p[2][1] ? p[3] : p[2];
		return new Quad(tl[0], tl[1], tr[0], tr[1], br[0], br[1], bl[0], bl[1]);
	}

	/** Andrew's monotone chain over points already sorted by (y, x); returns hull indices, no repeats. */
	private static int[] convexHull(int[] xs, int[] ys) {
		int n = xs.length;
		if (n < 3) {
			return n == 2 && xs[0] == xs[1] && ys[0] == ys[1] ? new int[] { 0 } : range(n);
		}
		int[] hull = new int[2 * n];
		int k = 0;
		for (int i = 0; i < n; i++) {
			while (k >= 2 && cross(xs, ys, hull[k - 2], hull[k - 1], i) <= 0) {
				k--;
			}
			hull[k++] = i;
		}
		for (int i = n - 2, lower = k + 1; i >= 0; i--) {
			while (k >= lower && cross(xs, ys, hull[k - 2], hull[k - 1], i) <= 0) {
				k--;
			}
			hull[k++] = i;
		}
		return Arrays.copyOf(hull, Math.max(1, k - 1));
	}

	private static int[] range(int n) {
		int[] r = new int[n];
		for (int i = 0; i < n; i++) {
			r[i] = i;
		}
		return r;
	}

	private static long cross(int[] xs, int[] ys, int o, int a, int b) {
		return (long) (xs[a] - xs[o]) * (ys[b] - ys[o]) - (long) (ys[a] - ys[o]) * (xs[b] - xs[o]);
	}

	static double shortSide(Quad q) {
		return Math.min(Math.hypot(q.x1() - q.x0(), q.y1() - q.y0()), Math.hypot(q.x3() - q.x0(), q.y3() - q.y0()));
	}

	/**
	 * Mean probability over the map pixels whose centres lie in the (convex) quad, edges included; PaddleOCR's
	 * "fast" box score. Low for a region that is only a thin arc of confident pixels.
	 */
	static double meanInside(float[] prob, int width, int height, Quad q) {
		double[] xs = { q.x0(), q.x1(), q.x2(), q.x3() };
		double[] ys = { q.y0(), q.y1(), q.y2(), q.y3() };
		double eps = 1e-6;
		int yFrom = Math.max(0, (int) Math.ceil(q.minY() - eps));
		int yTo = Math.min(height - 1, (int) Math.floor(q.maxY() + eps));
		double sum = 0;
		long count = 0;
		for (int y = yFrom; y <= yTo; y++) {
			double left = Double.MAX_VALUE;
			double right = -Double.MAX_VALUE;
			for (int i = 0; i < 4; i++) {
				double ax = xs[i], ay = ys[i], bx = xs[(i + 1) % 4], by = ys[(i + 1) % 4];
				if (y < Math.min(ay, by) - eps || y > Math.max(ay, by) + eps) {
					continue;
				}
				if (Math.abs(by - ay) < eps) {
					left = Math.min(left, Math.min(ax, bx));
					right = Math.max(right, Math.max(ax, bx));
				}
				else {
					double x = ax + (bx - ax) * (y - ay) / (by - ay);
					left = Math.min(left, x);
					right = Math.max(right, x);
				}
			}
			int xFrom = Math.max(0, (int) Math.ceil(left - eps));
			int xTo = Math.min(width - 1, (int) Math.floor(right + eps));
			for (int x = xFrom; x <= xTo; x++) {
				sum += prob[y * width + x];
				count++;
			}
		}
		return count == 0 ? 0 : sum / count;
	}

	/**
	 * Grows a rectangle by {@code area * ratio / perimeter} on every side, the offset PaddleOCR applies with a
	 * polygon clipper; for a rectangle the clipped polygon's bounding rectangle is exactly this one.
	 */
	static Quad unclip(Quad rect, double ratio) {
		double w = Math.hypot(rect.x1() - rect.x0(), rect.y1() - rect.y0());
		double h = Math.hypot(rect.x3() - rect.x0(), rect.y3() - rect.y0());
		double d = w * h * ratio / (2 * (w + h));
		double ex = (rect.x1() - rect.x0()) / w, ey = (rect.y1() - rect.y0()) / w;
		double nx = (rect.x3() - rect.x0()) / h, ny = (rect.y3() - rect.y0()) / h;
		double cx = (rect.x0() + rect.x1() + rect.x2() + rect.x3()) / 4;
		double cy = (rect.y0() + rect.y1() + rect.y2() + rect.y3()) / 4;
		double a = w / 2 + d, b = h / 2 + d;
		return new Quad(cx - a * ex - b * nx, cy - a * ey - b * ny, cx + a * ex - b * nx, cy + a * ey - b * ny,
				cx + a * ex + b * nx, cy + a * ey + b * ny, cx - a * ex + b * nx, cy - a * ey + b * ny);
	}
}
