package app.tasklens.vision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import app.tasklens.labeling.ImageProperties.DominantColor;
import app.tasklens.labeling.ImageProperties.Quality;

/**
 * Quality and dominant colours, measured on the image as the detector sees it (long side 416, B, G, R
 * planes of floats 0–255). A fixed working size makes sharpness comparable between a phone photo and a
 * thumbnail, and it costs no extra resize.
 */
final class ImageStatistics {

	static final int MAX_COLORS = 10;

	/**
	 * Luminance deviation giving contrast 63 (1 − 1/e); typical photos have 40–70, so their contrast lands
	 * around 60–80 and a flat grey card at 0.
	 */
	static final double CONTRAST_SCALE = 50;

	/**
	 * Laplacian variance (at long side 416) giving sharpness 63; in-focus photos measure several hundred,
	 * a visibly blurred one a few dozen.
	 */
	static final double SHARPNESS_SCALE = 300;

	private static final int SAMPLES = 4096;
	private static final int KMEANS_ROUNDS = 6;
	/** Seeds closer than this (RGB distance) would split one colour in two. */
	private static final double SEED_DISTANCE = 48;
	/** Clusters that end up this close are reported as one. */
	private static final double MERGE_DISTANCE = 24;

	private ImageStatistics() {
	}

	/** A view of B, G, R planes: {@code width × height} valid pixels, row stride {@code stride}. */
	record Planes(float[] values, int stride, int planeSize, int width, int height) {

		float blue(int x, int y) {
			return values[y * stride + x];
		}

		float green(int x, int y) {
			return values[planeSize + y * stride + x];
		}

		float red(int x, int y) {
			return values[2 * planeSize + y * stride + x];
		}

		float luma(int x, int y) {
			return 0.299f * red(x, y) + 0.587f * green(x, y) + 0.114f * blue(x, y);
		}
	}

	static Quality quality(Planes planes) {
		int w = planes.width();
		int h = planes.height();
		float[] luma = new float[w * h];
		double sum = 0;
		double squares = 0;
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				float v = planes.luma(x, y);
				luma[y * w + x] = v;
				sum += v;
				squares += (double) v * v;
			}
		}
		int n = w * h;
		double mean = sum / n;
		double deviation = Math.sqrt(Math.max(0, squares / n - mean * mean));
		double brightness = 100 * mean / 255;
		double contrast = 100 * (1 - Math.exp(-deviation / CONTRAST_SCALE));
		double sharpness = 100 * (1 - Math.exp(-laplacianVariance(luma, w, h) / SHARPNESS_SCALE));
		return new Quality(round(brightness), round(sharpness), round(contrast));
	}

	/** Variance of the 4-neighbour Laplacian over the interior pixels; 0 for images under 3 × 3. */
	static double laplacianVariance(float[] luma, int w, int h) {
		if (w < 3 || h < 3) {
			return 0;
		}
		double sum = 0;
		double squares = 0;
		for (int y = 1; y < h - 1; y++) {
			for (int x = 1; x < w - 1; x++) {
				int i = y * w + x;
				double laplacian = luma[i - 1] + luma[i + 1] + luma[i - w] + luma[i + w] - 4 * luma[i];
				sum += laplacian;
				squares += laplacian * laplacian;
			}
		}
		int n = (w - 2) * (h - 2);
		double mean = sum / n;
		return squares / n - mean * mean;
	}

	/**
	 * Up to ten colours, most pixels first: k-means in RGB over a sample grid, seeded from the fullest cells
	 * of a coarse colour histogram so the result is the same on every run.
	 */
	static List<DominantColor> dominantColors(Planes planes) {
		float[][] samples = sample(planes);
		List<double[]> centres = seeds(samples);
		int[] owner = new int[samples.length];
		for (int round = 0; round < KMEANS_ROUNDS; round++) {
			assign(samples, centres, owner);
			centres = means(samples, owner, centres.size());
		}
		assign(samples, centres, owner);
		int[] counts = new int[centres.size()];
		for (int o : owner) {
			counts[o]++;
		}
		List<double[]> clusters = new ArrayList<>(); // r, g, b, count
		for (int c = 0; c < centres.size(); c++) {
			if (counts[c] > 0) {
				double[] centre = centres.get(c);
				clusters.add(new double[] { centre[0], centre[1], centre[2], counts[c] });
			}
		}
		clusters = merge(clusters);
		clusters.sort(Comparator.comparingDouble((double[] c) -> c[3]).reversed());
		List<DominantColor> colors = new ArrayList<>();
		for (double[] cluster : clusters.subList(0, Math.min(MAX_COLORS, clusters.size()))) {
			int r = (int) Math.round(cluster[0]);
			int g = (int) Math.round(cluster[1]);
			int b = (int) Math.round(cluster[2]);
			colors.add(new DominantColor(String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b),
					ColorNames.simplified(r, g, b), round(100 * cluster[3] / samples.length)));
		}
		return colors;
	}

	private static float[][] sample(Planes planes) {
		int step = Math.max(1, (int) Math.sqrt((double) planes.width() * planes.height() / SAMPLES));
		List<float[]> samples = new ArrayList<>();
		for (int y = step / 2; y < planes.height(); y += step) {
			for (int x = step / 2; x < planes.width(); x += step) {
				samples.add(new float[] { planes.red(x, y), planes.green(x, y), planes.blue(x, y) });
			}
		}
		return samples.toArray(float[][]::new);
	}

	/** The means of the fullest 8 × 8 × 8 histogram cells, each at least {@link #SEED_DISTANCE} apart. */
	private static List<double[]> seeds(float[][] samples) {
		double[][] cells = new double[512][4];
		for (float[] s : samples) {
			double[] cell = cells[cell(s[0]) << 6 | cell(s[1]) << 3 | cell(s[2])];
			cell[0] += s[0];
			cell[1] += s[1];
			cell[2] += s[2];
			cell[3]++;
		}
		Integer[] order = new Integer[cells.length];
		Arrays.setAll(order, i -> i);
		Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -cells[i][3]).thenComparing(i -> i));
		List<double[]> seeds = new ArrayList<>();
		for (int i : order) {
			double count = cells[i][3];
			if (count == 0 || seeds.size() == MAX_COLORS) {
				break;
			}
			double[] mean = { cells[i][0] / count, cells[i][1] / count, cells[i][2] / count };
			if (seeds.stream().allMatch(seed -> distance(seed, mean) >= SEED_DISTANCE)) {
				seeds.add(mean);
			}
		}
		return seeds;
	}

	private static int cell(float value) {
		return Math.min(7, Math.max(0, (int) (value / 32)));
	}

	private static void assign(float[][] samples, List<double[]> centres, int[] owner) {
		for (int i = 0; i < samples.length; i++) {
			double best = Double.MAX_VALUE;
			for (int c = 0; c < centres.size(); c++) {
				double[] centre = centres.get(c);
				double dr = samples[i][0] - centre[0];
				double dg = samples[i][1] - centre[1];
				double db = samples[i][2] - centre[2];
				double d = dr * dr + dg * dg + db * db;
				if (d < best) {
					best = d;
					owner[i] = c;
				}
			}
		}
	}

	private static List<double[]> means(float[][] samples, int[] owner, int k) {
		double[][] sums = new double[k][4];
		for (int i = 0; i < samples.length; i++) {
			double[] sum = sums[owner[i]];
			sum[0] += samples[i][0];
			sum[1] += samples[i][1];
			sum[2] += samples[i][2];
			sum[3]++;
		}
		List<double[]> means = new ArrayList<>(k);
		for (double[] sum : sums) {
			double n = Math.max(1, sum[3]);
			means.add(new double[] { sum[0] / n, sum[1] / n, sum[2] / n });
		}
		return means;
	}

	/** Joins clusters closer than {@link #MERGE_DISTANCE}, weighting their centres by size. */
	private static List<double[]> merge(List<double[]> clusters) {
		List<double[]> merged = new ArrayList<>();
		for (double[] cluster : clusters) {
			double[] near = merged.stream().filter(m -> distance(m, cluster) < MERGE_DISTANCE).findFirst().orElse(null);
			if (near == null) {
				merged.add(cluster.clone());
				continue;
			}
			double total = near[3] + cluster[3];
			for (int c = 0; c < 3; c++) {
				near[c] = (near[c] * near[3] + cluster[c] * cluster[3]) / total;
			}
			near[3] = total;
		}
		return merged;
	}

	private static double distance(double[] a, double[] b) {
		double dr = a[0] - b[0];
		double dg = a[1] - b[1];
		double db = a[2] - b[2];
		return Math.sqrt(dr * dr + dg * dg + db * db);
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}
}
