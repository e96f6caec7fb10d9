package app.tasklens.vision;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

/**
 * MobileNetV2 (int8) on the 1000 ImageNet classes, preprocessed as torchvision's evaluation transform:
 * short side resized to 256, centre crop 224, RGB normalised by the ImageNet mean and deviation.
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

	/** The 1000 logits for the image (softmax is the caller's, with its calibrated temperature). */
	float[] classify(BufferedImage image, OnnxModel.Io io, Scratch scratch) throws OrtException {
		CenterCrop crop = CenterCrop.of(image.getWidth(), image.getHeight(), RESIZE, CROP);
		Resampler.Taps xs = Resampler.taps(image.getWidth(), crop.resizedWidth(), crop.left(), CROP);
		Resampler.Taps ys = Resampler.taps(image.getHeight(), crop.resizedHeight(), crop.top(), CROP);
		Resampler.Target target = new Resampler.Target(io.input(), CROP, CROP * CROP, RGB_PLANES, SCALE, OFFSET);
		Resampler.resize(BgrImages.bytes(image), image.getWidth(), xs, ys, target,
				scratch.floats(Resampler.scratchSize(xs, ys)));
		model.run(io);
		return io.output().clone();
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
