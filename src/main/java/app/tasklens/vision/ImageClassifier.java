package app.tasklens.vision;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

/**
 * MobileNetV2 (int8) on the 1000 ImageNet classes, preprocessed as torchvision's evaluation transform:
 * short side resized to 256, centre crop 224, RGB normalised by the ImageNet mean and deviation; and on other
 * views of the same image ({@link ClassifierView}), since a photo's subject is not always in its centre square.
 */
final class ImageClassifier implements AutoCloseable {

	static final int CROP = 224;
	static final int RESIZE = 256;
	static final int CLASSES = 1000;

	private static final int[] RGB_PLANES = { 2, 1, 0 };
	// per source byte B, G, R: (v / 255 − mean) / std
	private static final float[] SCALE = { 1 / (255f * 0.225f), 1 / (255f * 0.224f), 1 / (255f * 0.229f) };
	private static final float[] OFFSET = { -0.406f / 0.225f, -0.456f / 0.224f, -0.485f / 0.229f };

	private final OnnxModel model;

	ImageClassifier(OrtEnvironment environment, Path file, int intraOpThreads) throws OrtException {
		this.model = new OnnxModel(environment, file, intraOpThreads, new long[] { 1, 3, CROP, CROP },
				new long[] { 1, CLASSES });
	}

	OnnxModel.Io newIo() throws OrtException {
		return model.newIo();
	}

	/** Aspect ratio (long / short side) from which {@link ClassifierView#SIDES} is looked at. */
	static final double SIDES_ASPECT = 1.3;

	/** The 1000 logits for the image's centre crop (softmax is the caller's, with its calibrated temperature). */
	float[] classify(BufferedImage image, OnnxModel.Io io, Scratch scratch) throws OrtException {
		return classify(image, Set.of(ClassifierView.CENTER), io, scratch).get(ClassifierView.CENTER)[0];
	}

	/**
	 * Logits for each of {@code views} that applies to the image: one array of 1000 per look ({@link ClassifierView#SIDES}
	 * has two, or none for a squarish image).
	 */
	Map<ClassifierView, float[][]> classify(BufferedImage image, Set<ClassifierView> views, OnnxModel.Io io, Scratch scratch)
			throws OrtException {
		Map<ClassifierView, float[][]> logits = new EnumMap<>(ClassifierView.class);
		int width = image.getWidth();
		int height = image.getHeight();
		if (views.contains(ClassifierView.CENTER) || views.contains(ClassifierView.FLIP)) {
			CenterCrop crop = CenterCrop.of(width, height, RESIZE, CROP);
			crop(image, crop.resizedWidth(), crop.resizedHeight(), crop.left(), crop.top(), io, scratch);
			if (views.contains(ClassifierView.CENTER)) {
				logits.put(ClassifierView.CENTER, new float[][] { run(io) });
			}
			if (views.contains(ClassifierView.FLIP)) {
				mirrorInPlace(io.input());
				logits.put(ClassifierView.FLIP, new float[][] { run(io) });
			}
		}
		if (views.contains(ClassifierView.WHOLE)) {
			whole(image, io, scratch);
			logits.put(ClassifierView.WHOLE, new float[][] { run(io) });
		}
		if (views.contains(ClassifierView.SIDES)) {
			double aspect = (double) Math.max(width, height) / Math.min(width, height);
			if (aspect >= SIDES_ASPECT) {
				CenterCrop crop = CenterCrop.of(width, height, CROP, CROP);
				boolean landscape = width >= height;
				int far = (landscape ? crop.resizedWidth() : crop.resizedHeight()) - CROP;
				crop(image, crop.resizedWidth(), crop.resizedHeight(), 0, 0, io, scratch);
				float[] first = run(io);
				crop(image, crop.resizedWidth(), crop.resizedHeight(), landscape ? far : 0, landscape ? 0 : far, io,
						scratch);
				logits.put(ClassifierView.SIDES, new float[][] { first, run(io) });
			}
		}
		return logits;
	}

	/**
	 * The 1000 logits for a region of the image given as ratios of its sides (a detector box): a square around
	 * the region's centre, {@code margin} of its longer side wider on each side, moved inside the image and cut to
	 * it where the image is narrower, scaled into the 224² input.
	 */
	float[] classifyRegion(BufferedImage image, Detection region, double margin, OnnxModel.Io io, Scratch scratch)
			throws OrtException {
		int width = image.getWidth();
		int height = image.getHeight();
		double boxWidth = (region.x2() - region.x1()) * width;
		double boxHeight = (region.y2() - region.y1()) * height;
		double side = Math.max(boxWidth, boxHeight) * (1 + 2 * margin);
		int cropWidth = (int) Math.max(1, Math.min(width, Math.round(side)));
		int cropHeight = (int) Math.max(1, Math.min(height, Math.round(side)));
		double centerX = (region.x1() + region.x2()) / 2 * width;
		double centerY = (region.y1() + region.y2()) / 2 * height;
		int left = (int) Math.max(0, Math.min(width - cropWidth, Math.round(centerX - cropWidth / 2.0)));
		int top = (int) Math.max(0, Math.min(height - cropHeight, Math.round(centerY - cropHeight / 2.0)));
		int resizedWidth = (int) Math.max(CROP, Math.round((double) width * CROP / cropWidth));
		int resizedHeight = (int) Math.max(CROP, Math.round((double) height * CROP / cropHeight));
		crop(image, resizedWidth, resizedHeight, (int) Math.min(resizedWidth - CROP, Math.round((double) left * CROP / cropWidth)),
				(int) Math.min(resizedHeight - CROP, Math.round((double) top * CROP / cropHeight)), io, scratch);
		return run(io);
	}

	private float[] run(OnnxModel.Io io) throws OrtException {
		model.run(io);
		return io.output().clone();
	}

	/** The image resized to {@code resizedWidth × resizedHeight}, its 224² square at {@code left, top}. */
	private static void crop(BufferedImage image, int resizedWidth, int resizedHeight, int left, int top,
			OnnxModel.Io io, Scratch scratch) {
		Resampler.Taps xs = Resampler.taps(image.getWidth(), resizedWidth, left, CROP);
		Resampler.Taps ys = Resampler.taps(image.getHeight(), resizedHeight, top, CROP);
		Resampler.Target target = new Resampler.Target(io.input(), CROP, CROP * CROP, RGB_PLANES, SCALE, OFFSET);
		Resampler.resize(BgrImages.bytes(image), image.getWidth(), xs, ys, target,
				scratch.floats(Resampler.scratchSize(xs, ys)));
	}

	/** The whole image in the square, centred; the padding is 0, the mean colour after normalisation. */
	private static void whole(BufferedImage image, OnnxModel.Io io, Scratch scratch) {
		Letterbox fit = Letterbox.fit(image.getWidth(), image.getHeight(), CROP);
		Arrays.fill(io.input(), 0f);
		int origin = (CROP - fit.height()) / 2 * CROP + (CROP - fit.width()) / 2;
		Resampler.Taps xs = Resampler.taps(image.getWidth(), fit.width(), 0, fit.width());
		Resampler.Taps ys = Resampler.taps(image.getHeight(), fit.height(), 0, fit.height());
		Resampler.Target target = new Resampler.Target(io.input(), CROP, CROP * CROP, RGB_PLANES, SCALE, OFFSET,
				origin);
		Resampler.resize(BgrImages.bytes(image), image.getWidth(), xs, ys, target,
				scratch.floats(Resampler.scratchSize(xs, ys)));
	}

	/** Mirrors the three 224² planes left–right. */
	static void mirrorInPlace(float[] planes) {
		for (int row = 0; row < 3 * CROP; row++) {
			for (int left = row * CROP, right = left + CROP - 1; left < right; left++, right--) {
				float t = planes[left];
				planes[left] = planes[right];
				planes[right] = t;
			}
		}
	}

	@Override
	public void close() throws OrtException {
		model.close();
	}

	/**
	 * torchvision's {@code Resize(256)} then {@code CenterCrop(224)}: the long side scales to
	 * {@code int(256 · long / short)}, the crop offset rounds half to even like Python's {@code round}.
	 */
	record CenterCrop(int resizedWidth, int resizedHeight, int left, int top) {

		static CenterCrop of(int width, int height, int shortSide, int crop) {
			int resizedWidth = width <= height ? shortSide : (int) ((long) shortSide * width / height);
			int resizedHeight = width <= height ? (int) ((long) shortSide * height / width) : shortSide;
			return new CenterCrop(resizedWidth, resizedHeight, (int) Math.rint((resizedWidth - crop) / 2.0),
					(int) Math.rint((resizedHeight - crop) / 2.0));
		}
	}
}
