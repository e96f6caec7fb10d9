package app.tasklens.vision;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.BiFunction;

import ai.onnxruntime.OrtEnvironment;

import app.tasklens.labeling.TextDetection;

/**
 * The detector's text reader, opened on the shared runtime the first time an image asks for text (or on
 * {@link OnnxLabelDetector#load}), so its models load no earlier and a missing one is reported like the
 * others. An OCR engine with {@code static E open(OrtEnvironment, ModelFiles, int)} and
 * {@code List<TextDetection> read(BufferedImage)} plugs in as {@code new TextReading<>(E::open, E::read)}.
 *
 * @param <R> the opened reader, closed with the detector
 */
final class TextReading<R extends AutoCloseable> implements AutoCloseable {

	@FunctionalInterface
	interface Opener<R> {
		R open(OrtEnvironment environment, ModelFiles files, int intraOpThreads);
	}

	private final Opener<R> opener;
	private final BiFunction<R, BufferedImage, List<TextDetection>> reader;
	private volatile R opened;

	TextReading(Opener<R> opener, BiFunction<R, BufferedImage, List<TextDetection>> reader) {
		this.opener = opener;
		this.reader = reader;
	}

	/** No text reader: images have no text. */
	static TextReading<AutoCloseable> none() {
		return new TextReading<>((environment, files, threads) -> () -> {
		}, (nothing, image) -> List.of());
	}

	List<TextDetection> read(BufferedImage image, ModelFiles files, int intraOpThreads) {
		return reader.apply(open(files, intraOpThreads), image);
	}

	R open(ModelFiles files, int intraOpThreads) {
		R reader = opened;
		if (reader != null) {
			return reader;
		}
		synchronized (this) {
			if (opened == null) {
				opened = opener.open(OrtEnvironment.getEnvironment(), files, intraOpThreads);
			}
			return opened;
		}
	}

	@Override
	public void close() throws Exception {
		R reader = opened;
		if (reader != null) {
			reader.close();
		}
	}
}
