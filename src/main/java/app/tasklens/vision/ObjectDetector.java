package app.tasklens.vision;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

/**
 * YOLOX-Nano on the 80 COCO classes: letterbox into 416 × 416, raw BGR 0–255, grid decode, class-wise NMS,
 * boxes back in image pixels.
 */
final class ObjectDetector implements AutoCloseable {

	static final int SIZE = 416;
	static final int CLASSES = 80;

	/** YOLOX pads with mid-grey 114, the value it was trained with. */
	static final float PAD = 114f;

	/**
	 * Boxes scoring below this are not worth decoding; which of the rest count is decided when labels are
	 * merged, with calibrated thresholds.
	 */
	static final float MIN_SCORE = 0.05f;

	private static final int[] BGR_PLANES = { 0, 1, 2 };
	private static final float[] UNIT_SCALE = { 1, 1, 1 };
	private static final float[] NO_OFFSET = { 0, 0, 0 };

	private final OnnxModel model;

	ObjectDetector(OrtEnvironment environment, Path file, int intraOpThreads) throws OrtException {
		int cells = YoloxDecoding.cells(SIZE);
		this.model = new OnnxModel(environment, file, intraOpThreads, new long[] { 1, 3, SIZE, SIZE },
				new long[] { 1, cells, 5 + CLASSES });
	}

	/** Input and output arrays for one thread; see {@link #prepare}. */
	OnnxModel.Io newIo() throws OrtException {
		return model.newIo();
	}

	/**
	 * Fills {@code io.input()} with the letterboxed image: B, G, R planes of 0–255 floats, the image in the
	 * returned letterbox's top-left area. {@link #detect} runs on it; image statistics read it too.
	 */
	Letterbox prepare(BufferedImage image, OnnxModel.Io io, Scratch scratch) {
		Letterbox letterbox = Letterbox.fit(image.getWidth(), image.getHeight(), SIZE);
		Arrays.fill(io.input(), PAD);
		Resampler.Taps xs = Resampler.taps(image.getWidth(), letterbox.width(), 0, letterbox.width());
		Resampler.Taps ys = Resampler.taps(image.getHeight(), letterbox.height(), 0, letterbox.height());
		Resampler.Target target = new Resampler.Target(io.input(), SIZE, SIZE * SIZE, BGR_PLANES, UNIT_SCALE,
				NO_OFFSET);
		Resampler.resize(BgrImages.bytes(image), image.getWidth(), xs, ys, target,
				scratch.floats(Resampler.scratchSize(xs, ys)));
		return letterbox;
	}

	/** Boxes in pixels of the prepared image, highest score first, after NMS. */
	List<Detection> detect(OnnxModel.Io io, Letterbox letterbox) throws OrtException {
		model.run(io);
		List<Detection> boxes = YoloxDecoding.nms(YoloxDecoding.decode(io.output(), SIZE, CLASSES, MIN_SCORE),
				YoloxDecoding.NMS_IOU);
		List<Detection> inImage = new ArrayList<>(boxes.size());
		for (Detection box : boxes) {
			inImage.add(new Detection(box.classIndex(), box.score(), (float) letterbox.toImage(box.x1()),
					(float) letterbox.toImage(box.y1()), (float) letterbox.toImage(box.x2()),
					(float) letterbox.toImage(box.y2())));
		}
		return inImage;
	}

	@Override
	public void close() throws OrtException {
		model.close();
	}
}
