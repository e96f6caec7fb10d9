package app.tasklens.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import app.tasklens.labeling.DetectOptions;
import app.tasklens.vision.OnnxLabelDetector;

/**
 * What {@code ./tasklens label} does once its models are loaded, timed: the images labeled on all cores with
 * the on-box detector. The benchmarks set the servers they measure beside it.
 */
final class LabelThroughput implements AutoCloseable {

	private final OnnxLabelDetector detector = OnnxLabelDetector.open(CliSettings.vision());
	private final ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());

	/** Loads the models and labels a few images, so that loading and the JIT's first work are not timed. */
	LabelThroughput(List<byte[]> images, DetectOptions options) throws Exception {
		detector.load();
		for (int i = 0; i < 4; i++) {
			detector.detect(images.get(i % images.size()), options);
		}
	}

	/** Images a second for {@code count} images (the list over and over), all submitted at once. */
	double imagesPerSecond(List<byte[]> images, int count, DetectOptions options) throws Exception {
		long start = System.nanoTime();
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			byte[] image = images.get(i % images.size());
			futures.add(pool.submit(() -> detector.detect(image, options)));
		}
		for (Future<?> future : futures) {
			future.get();
		}
		return count / ((System.nanoTime() - start) / 1e9);
	}

	@Override
	public void close() throws Exception {
		pool.shutdownNow();
		detector.close();
	}
}
