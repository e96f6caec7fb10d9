package app.tasklens.vision;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * One ONNX Runtime session with a fixed input and output shape. The session is shared by all threads
 * (ONNX Runtime's {@code Run} is thread-safe); each thread brings its own {@link Io} so arrays and tensors
 * are allocated once and reused, and the output is written straight into a pinned buffer.
 */
final class OnnxModel implements AutoCloseable {

	private final OrtEnvironment environment;
	private final OrtSession session;
	private final String inputName;
	private final String outputName;
	private final long[] inputShape;
	private final long[] outputShape;

	OnnxModel(OrtEnvironment environment, Path file, int intraOpThreads, long[] inputShape, long[] outputShape)
			throws OrtException {
		this.environment = environment;
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			options.setIntraOpNumThreads(intraOpThreads);
			options.setInterOpNumThreads(1);
			options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
			// Spinning workers would burn the cores that concurrent inferences and other tenants need.
			options.addConfigEntry("session.intra_op.allow_spinning", "0");
			this.session = environment.createSession(file.toString(), options);
		}
		this.inputName = session.getInputNames().iterator().next();
		this.outputName = session.getOutputNames().iterator().next();
		this.inputShape = inputShape.clone();
		this.outputShape = outputShape.clone();
	}

	Io newIo() throws OrtException {
		return new Io();
	}

	/** Runs the model on what the caller wrote into {@code io.input()}; the result is in {@code io.output()}. */
	void run(Io io) throws OrtException {
		io.inputBuffer.put(0, io.input);
		try (OrtSession.Result ignored = session.run(Map.of(inputName, io.inputTensor),
				Map.of(outputName, io.outputTensor))) {
			io.outputBuffer.get(0, io.output);
		}
	}

	@Override
	public void close() throws OrtException {
		session.close();
	}

	/**
	 * One thread's input and output: plain arrays to fill and read (fast to index), and tensors over direct
	 * buffers that ONNX Runtime reads and writes without further copies.
	 */
	final class Io implements AutoCloseable {

		private final float[] input;
		private final float[] output;
		private final FloatBuffer inputBuffer;
		private final FloatBuffer outputBuffer;
		private final OnnxTensor inputTensor;
		private final OnnxTensor outputTensor;

		private Io() throws OrtException {
			this.input = new float[elements(inputShape)];
			this.output = new float[elements(outputShape)];
			this.inputBuffer = direct(input.length);
			this.outputBuffer = direct(output.length);
			this.inputTensor = OnnxTensor.createTensor(environment, inputBuffer, inputShape);
			this.outputTensor = OnnxTensor.createTensor(environment, outputBuffer, outputShape);
		}

		float[] input() {
			return input;
		}

		float[] output() {
			return output;
		}

		@Override
		public void close() {
			inputTensor.close();
			outputTensor.close();
		}
	}

	private static FloatBuffer direct(int elements) {
		return ByteBuffer.allocateDirect(elements * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
	}

	private static int elements(long[] shape) {
		long n = 1;
		for (long d : shape) {
			n *= d;
		}
		return Math.toIntExact(n);
	}
}
