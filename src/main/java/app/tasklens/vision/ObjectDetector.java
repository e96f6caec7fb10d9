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

	/**
	 * Boxes on the prepared image, as ratios of the image's sides, highest score first: the detector runs on the
	 * letterbox and, with {@link LabelTuning#mirror}, on its mirror image, and the two answers are fused
	 * ({@link BoxFusion}, a box one pass found keeping {@link LabelTuning#unpaired} of its score). The input is
	 * left as {@link #prepare} made it.
	 */
	List<Detection> detect(OnnxModel.Io io, Letterbox letterbox, LabelTuning tuning) throws OrtException {
		List<Detection> straight = pass(io);
		if (!tuning.mirror()) {
			return inImage(straight, letterbox);
		}
		return inImage(BoxFusion.fuse(straight, mirroredPass(io, letterbox), (float) tuning.unpaired()), letterbox);
	}

	/**
	 * Both passes apart, each as ratios of the image's sides, and fused as {@link #detect} fuses them: for comparing
	 * fusions and the detector without its mirror.
	 */
	Passes passes(OnnxModel.Io io, Letterbox letterbox) throws OrtException {
		List<Detection> straight = pass(io);
		List<Detection> mirrored = mirroredPass(io, letterbox);
		return new Passes(inImage(straight, letterbox), inImage(mirrored, letterbox),
				inImage(BoxFusion.fuse(straight, mirrored), letterbox));
	}

	/** The detector's straight and mirrored answers, and the two fused as {@link #detect} fuses them. */
	record Passes(List<Detection> straight, List<Detection> mirrored, List<Detection> fused) {
	}

	private List<Detection> mirroredPass(OnnxModel.Io io, Letterbox letterbox) throws OrtException {
		mirrorInPlace(io.input(), letterbox);
		List<Detection> mirrored = BoxFusion.mirror(pass(io), letterbox.width());
		mirrorInPlace(io.input(), letterbox);
		return mirrored;
	}

	private static List<Detection> inImage(List<Detection> boxes, Letterbox letterbox) {
		List<Detection> inImage = new ArrayList<>(boxes.size());
		for (Detection box : boxes) {
			inImage.add(letterbox.toImageRatios(box));
		}
		return inImage;
	}

	/** Share of each side a tile covers when a side is split in two: tiles overlap by a fifth of the side. */
	static final double TILE_SHARE = 0.6;

	/**
	 * Boxes found on a {@code columns × rows} grid of overlapping tiles of the image, each scaled alone into the
	 * input (up to 1.7 times the scale of the whole image for a 2 × 2 grid), as ratios of the image's sides: a
	 * second, closer look for small objects. One inference per tile, no mirror. Overwrites the input.
	 */
	List<Detection> detectTiles(BufferedImage image, OnnxModel.Io io, Scratch scratch, int columns, int rows)
			throws OrtException {
		int w = image.getWidth();
		int h = image.getHeight();
		int tileWidth = columns == 1 ? w : (int) Math.ceil(w * TILE_SHARE);
		int tileHeight = rows == 1 ? h : (int) Math.ceil(h * TILE_SHARE);
		double scale = Math.min((double) SIZE / tileWidth, (double) SIZE / tileHeight);
		int outWidth = Math.max(1, Math.min(SIZE, (int) (tileWidth * scale)));
		int outHeight = Math.max(1, Math.min(SIZE, (int) (tileHeight * scale)));
		List<Detection> found = new ArrayList<>();
		for (int row = 0; row < rows; row++) {
			for (int column = 0; column < columns; column++) {
				int x0 = columns == 1 ? 0 : column * (w - tileWidth) / (columns - 1);
				int y0 = rows == 1 ? 0 : row * (h - tileHeight) / (rows - 1);
				Arrays.fill(io.input(), PAD);
				Resampler.Taps xs = Resampler.taps(w, (int) Math.round(w * scale), (int) Math.round(x0 * scale), outWidth);
				Resampler.Taps ys = Resampler.taps(h, (int) Math.round(h * scale), (int) Math.round(y0 * scale), outHeight);
				Resampler.Target target = new Resampler.Target(io.input(), SIZE, SIZE * SIZE, BGR_PLANES, UNIT_SCALE,
						NO_OFFSET);
				Resampler.resize(BgrImages.bytes(image), w, xs, ys, target, scratch.floats(Resampler.scratchSize(xs, ys)));
				for (Detection box : pass(io)) {
					found.add(new Detection(box.classIndex(), box.score(), (float) ((x0 + box.x1() / scale) / w),
							(float) ((y0 + box.y1() / scale) / h), (float) ((x0 + box.x2() / scale) / w),
							(float) ((y0 + box.y2() / scale) / h)));
				}
			}
		}
		return found;
	}

	private List<Detection> pass(OnnxModel.Io io) throws OrtException {
		model.run(io);
		List<Detection> boxes = YoloxDecoding.decode(io.output(), SIZE, CLASSES, MIN_SCORE);
		return BoxFusion.suppressAcrossClasses(YoloxDecoding.nms(boxes, YoloxDecoding.NMS_IOU),
				BoxFusion.SAME_OBJECT_IOU);
	}

	/** Mirrors the image area of the letterbox left–right; the padding stays where it is. */
	static void mirrorInPlace(float[] planes, Letterbox letterbox) {
		int w = letterbox.width();
		for (int plane = 0; plane < 3; plane++) {
			for (int y = 0; y < letterbox.height(); y++) {
				int row = plane * SIZE * SIZE + y * SIZE;
				for (int left = row, right = row + w - 1; left < right; left++, right--) {
					float t = planes[left];
					planes[left] = planes[right];
					planes[right] = t;
				}
			}
		}
	}

	@Override
	public void close() throws OrtException {
		model.close();
	}
}
