package app.tasklens.vision;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import app.tasklens.labeling.BoundingBox;
import app.tasklens.labeling.DetectorUnavailableException;
import app.tasklens.labeling.ModelsMissingException;
import app.tasklens.labeling.TextDetection;
import app.tasklens.labeling.TextDetection.Geometry;
import app.tasklens.labeling.TextDetection.Point;
import app.tasklens.labeling.TextDetection.Type;

/**
 * Reads text in an image with PP-OCRv4: the DB detector finds line boxes, the SVTR recogniser reads each
 * straightened line, and the result comes back as Rekognition's LINE and WORD detections. Sessions are
 * created once; {@link #read} may be called from several threads at once.
 */
public final class OcrEngine implements AutoCloseable {

	/** PaddleOCR's {@code det_limit_side_len}: pages keep enough resolution for body text at 960. */
	static final int DETECT_LIMIT = 960;
	/**
	 * The text gate looks at a copy this small first, so a photo without text costs about 15 ms on one
	 * thread instead of 70 ms for detection at full size. Measured on rendered text, it opens for lines
	 * taller than about 1/60 of the image's longest side (16 px on 1024 x 768); at 320 it would save 4 ms
	 * and miss text up to about 1/45.
	 */
	static final int GATE_LIMIT = 384;
	static final int LINE_HEIGHT = 48;
	/** Longest line input: about 75 characters of body text; longer lines are squeezed, not cut. */
	static final int MAX_LINE_WIDTH = 1920;
	/**
	 * Narrower inputs give the recogniser too few time steps to settle; PaddleOCR pads to 320, which costs
	 * four times as much for a short word as this.
	 */
	static final int MIN_LINE_WIDTH = 64;
	/**
	 * Lines are read at 85 % of their true width. PP-OCRv4 learned from lines squeezed into 320 pixels, so
	 * Latin text at full width is wider than most of what it saw; at 85 % it reads as well (better for
	 * spaces), at 15 % less cost. Below about 75 % double letters start to merge ("free" as "fre").
	 */
	static final double SQUEEZE = 0.85;
	/** PaddleOCR's {@code drop_score}: below this mean symbol probability a "line" is usually texture. */
	static final double MIN_LINE_CONFIDENCE = 0.5;

	private final OrtSession detector;
	private final OrtSession recogniser;
	private final String[] alphabet;
	private final OrtEnvironment env;
	private final int lineThreads;
	/** Threads that read lines beside the caller; null when one thread per inference is configured. */
	private final ExecutorService lineWorkers;

	private OcrEngine(OrtEnvironment env, OrtSession detector, OrtSession recogniser, String[] alphabet,
			int lineThreads) {
		this.env = env;
		this.detector = detector;
		this.recogniser = recogniser;
		this.alphabet = alphabet;
		this.lineThreads = lineThreads;
		this.lineWorkers = lineThreads > 1 ? Executors.newFixedThreadPool(lineThreads - 1, daemon()) : null;
	}

	private static ThreadFactory daemon() {
		AtomicInteger count = new AtomicInteger();
		return task -> {
			Thread thread = new Thread(task, "ocr-line-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * @param intraOpThreads threads one {@link #read} may use: the detector runs on this many, and as many
	 *        lines are recognised at once, each on one thread (a line is too small a job to split well)
	 * @throws DetectorUnavailableException when a model file is missing or does not load, or the alphabet
	 *         does not match the recogniser's output width
	 */
	public static OcrEngine open(OrtEnvironment env, ModelFiles files, int intraOpThreads) {
		if (intraOpThreads < 1) {
			throw new IllegalArgumentException("intraOpThreads must be at least 1");
		}
		Path det = files.require(Model.PP_OCRV4_DET);
		Path rec = files.require(Model.PP_OCRV4_REC);
		String[] alphabet = alphabet(files.require(Model.PP_OCR_KEYS));
		OrtSession detector = null;
		try (OrtSession.SessionOptions detOptions = options(intraOpThreads);
				OrtSession.SessionOptions recOptions = options(1)) {
			detector = env.createSession(det.toString(), detOptions);
			OrtSession recogniser = env.createSession(rec.toString(), recOptions);
			long classes = ((TensorInfo) recogniser.getOutputInfo().values().iterator().next().getInfo()).getShape()[2];
			if (classes != alphabet.length) {
				closeQuietly(recogniser);
				closeQuietly(detector);
				throw new ModelsMissingException("model " + Model.PP_OCR_KEYS.name() + " has "
						+ (alphabet.length - 2) + " symbols but " + Model.PP_OCRV4_REC.name() + " outputs " + classes
						+ " classes (blank + symbols + space): the two files do not belong together");
			}
			return new OcrEngine(env, detector, recogniser, alphabet, intraOpThreads);
		}
		catch (OrtException ex) {
			closeQuietly(detector);
			throw new DetectorUnavailableException("PP-OCRv4 models in " + files.directory() + " do not load: "
					+ ex.getMessage(), ex);
		}
	}

	private static OrtSession.SessionOptions options(int threads) throws OrtException {
		OrtSession.SessionOptions options = new OrtSession.SessionOptions();
		options.setIntraOpNumThreads(threads);
		options.setInterOpNumThreads(1);
		options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
		return options;
	}

	/** Class 0 is the CTC blank, classes 1… are the file's lines, and the last class is a space. */
	static String[] alphabet(Path keys) {
		try {
			List<String> lines = Files.readAllLines(keys, StandardCharsets.UTF_8);
			String[] alphabet = new String[lines.size() + 2];
			alphabet[0] = "";
			for (int i = 0; i < lines.size(); i++) {
				alphabet[i + 1] = lines.get(i);
			}
			alphabet[alphabet.length - 1] = " ";
			return alphabet;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * True when the detector, run on a copy whose longest side is at most {@link #GATE_LIMIT}, sees any
	 * text-like region. Costs a few milliseconds; {@link #read} applies it first on its own.
	 */
	public boolean mayContainText(BufferedImage rgbImage) {
		return mayContainText(OcrPixels.of(rgbImage));
	}

	private boolean mayContainText(OcrPixels pixels) {
		Size size = Size.forDetector(pixels.width(), pixels.height(), GATE_LIMIT);
		return TextBoxes.mayContainText(probabilities(pixels, size));
	}

	/**
	 * Text lines in reading order, then their words. Ids count from 0 over lines, then words; a word's
	 * {@code parentId} is its line's id. Geometry is in ratios of the image's width and height.
	 */
	public List<TextDetection> read(BufferedImage rgbImage) {
		OcrPixels pixels = OcrPixels.of(rgbImage);
		Size size = Size.forDetector(pixels.width(), pixels.height(), DETECT_LIMIT);
		// An image already as small as the gate's copy goes straight to detection.
		boolean small = size.equals(Size.forDetector(pixels.width(), pixels.height(), GATE_LIMIT));
		if (!small && !mayContainText(pixels)) {
			return List.of();
		}
		List<Quad> boxes = lineBoxes(pixels, size);
		List<Read> lines = recognise(pixels, boxes);
		return detections(lines, pixels.width(), pixels.height());
	}

	/** Line boxes on the image, in reading order: top to bottom, left to right within a row. */
	List<Quad> lineBoxes(OcrPixels pixels, Size size) {
		float[] prob = probabilities(pixels, size);
		double sx = (double) pixels.width() / size.width();
		double sy = (double) pixels.height() / size.height();
		List<Quad> boxes = new ArrayList<>();
		for (TextBoxes.Found found : TextBoxes.find(prob, size.width(), size.height())) {
			Quad box = found.box().scaled(sx, sy);
			// PaddleOCR drops boxes at most 3 image pixels across after mapping back.
			if (box.width() > 3 && box.height() > 3) {
				boxes.add(box);
			}
		}
		return readingOrder(boxes);
	}

	static List<Quad> readingOrder(List<Quad> boxes) {
		List<Quad> sorted = new ArrayList<>(boxes);
		sorted.sort(Comparator.comparingDouble(Quad::minY).thenComparingDouble(Quad::minX));
		// Boxes on one row start at slightly different heights; order them by x when their tops are
		// within half a line of each other.
		for (int i = 1; i < sorted.size(); i++) {
			for (int j = i; j > 0; j--) {
				Quad a = sorted.get(j - 1);
				Quad b = sorted.get(j);
				double tolerance = Math.min(a.height(), b.height()) / 2;
				if (Math.abs(b.minY() - a.minY()) < tolerance && b.minX() < a.minX()) {
					sorted.set(j - 1, b);
					sorted.set(j, a);
				}
				else {
					break;
				}
			}
		}
		return sorted;
	}

	float[] probabilities(OcrPixels pixels, Size size) {
		int w = size.width();
		int h = size.height();
		FloatBuffer input = direct(3 * w * h);
		pixels.writeDetectorInput(input, w, h);
		input.rewind();
		try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, new long[] { 1, 3, h, w });
				OrtSession.Result result = detector.run(Map.of("x", tensor))) {
			FloatBuffer map = ((OnnxTensor) result.get(0)).getFloatBuffer();
			float[] prob = new float[w * h];
			map.get(prob);
			return prob;
		}
		catch (OrtException ex) {
			throw new DetectorUnavailableException("PP-OCRv4 text detector failed: " + ex.getMessage(), ex);
		}
	}

	/** A recognised line: where it is on the image, and what it says. */
	record Read(Quad box, CtcDecoder.Line line, List<CtcDecoder.Word> words) {
	}

	List<Read> recognise(OcrPixels pixels, List<Quad> boxes) {
		Quad[] quads = new Quad[boxes.size()];
		Integer[] order = new Integer[boxes.size()];
		for (int i = 0; i < quads.length; i++) {
			Quad box = boxes.get(i);
			// A region much taller than wide is a vertical line of text; PaddleOCR turns it to read it.
			quads[i] = box.height() >= 1.5 * box.width() ? box.turnedCounterClockwise() : box;
			order[i] = i;
		}
		// Longest lines first, so the last line a worker picks up is a short one.
		Arrays.sort(order, Comparator.comparingDouble(i -> -quads[i].width() / quads[i].height()));
		Read[] reads = new Read[quads.length];
		AtomicInteger next = new AtomicInteger();
		Runnable worker = () -> {
			for (int k; (k = next.getAndIncrement()) < order.length;) {
				reads[order[k]] = recogniseLine(pixels, quads[order[k]]);
			}
		};
		List<Future<?>> helpers = new ArrayList<>();
		for (int t = 0; lineWorkers != null && t < lineThreads - 1 && t < order.length - 1; t++) {
			helpers.add(lineWorkers.submit(worker));
		}
		worker.run();
		for (Future<?> helper : helpers) {
			await(helper);
		}
		List<Read> lines = new ArrayList<>();
		for (Read read : reads) {
			if (read.line().confidence() >= MIN_LINE_CONFIDENCE && !read.line().text().isBlank()) {
				lines.add(read);
			}
		}
		return lines;
	}

	private static void await(Future<?> helper) {
		try {
			helper.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while reading text", ex);
		}
	}

	/**
	 * Input width for a line crop scaled to {@link #LINE_HEIGHT}: its aspect times {@link #SQUEEZE}, at most
	 * {@link #MAX_LINE_WIDTH}. Inputs narrower than {@link #MIN_LINE_WIDTH} are padded, not stretched.
	 */
	static int lineWidth(double cropWidth, double cropHeight) {
		int width = (int) Math.ceil(SQUEEZE * LINE_HEIGHT * cropWidth / Math.max(1, cropHeight));
		return Math.max(1, Math.min(MAX_LINE_WIDTH, width));
	}

	private Read recogniseLine(OcrPixels pixels, Quad quad) {
		int width = lineWidth(quad.width(), quad.height());
		int padded = Math.max(MIN_LINE_WIDTH, width);
		FloatBuffer input = direct(3 * LINE_HEIGHT * padded);
		pixels.writeRecogniserInput(input, 0, quad, width, LINE_HEIGHT, padded);
		try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, new long[] { 1, 3, LINE_HEIGHT, padded });
				OrtSession.Result result = recogniser.run(Map.of("x", tensor))) {
			OnnxTensor output = (OnnxTensor) result.get(0);
			long[] shape = output.getInfo().getShape();
			int steps = (int) shape[1];
			int classes = (int) shape[2];
			float[] probs = new float[steps * classes];
			output.getFloatBuffer().get(probs);
			CtcDecoder.Line line = CtcDecoder.greedy(probs, 0, steps, classes, alphabet);
			return new Read(quad, line, CtcDecoder.words(line, (double) padded / steps, width));
		}
		catch (OrtException ex) {
			throw new DetectorUnavailableException("PP-OCRv4 text recogniser failed: " + ex.getMessage(), ex);
		}
	}

	static List<TextDetection> detections(List<Read> lines, int width, int height) {
		List<TextDetection> result = new ArrayList<>();
		List<TextDetection> words = new ArrayList<>();
		int wordId = lines.size();
		for (int id = 0; id < lines.size(); id++) {
			Read read = lines.get(id);
			String text = read.line().text().trim().replaceAll(" {2,}", " ");
			result.add(new TextDetection(text, Type.LINE, id, null, percent(read.line().confidence()),
					geometry(read.box(), width, height)));
			for (CtcDecoder.Word word : read.words()) {
				words.add(new TextDetection(word.text(), Type.WORD, wordId++, id, percent(word.confidence()),
						geometry(read.box().slice(word.start(), word.end()), width, height)));
			}
		}
		result.addAll(words);
		return result;
	}

	private static double percent(double probability) {
		return Math.round(probability * 100_000) / 1000.0;
	}

	/** Pixel {@code i} covers {@code [i - 0.5, i + 0.5]} in quad coordinates, so the image spans -0.5 to size - 0.5. */
	static Geometry geometry(Quad q, int width, int height) {
		List<Point> polygon = List.of(point(q.x0(), q.y0(), width, height), point(q.x1(), q.y1(), width, height),
				point(q.x2(), q.y2(), width, height), point(q.x3(), q.y3(), width, height));
		double left = polygon.stream().mapToDouble(Point::x).min().orElseThrow();
		double right = polygon.stream().mapToDouble(Point::x).max().orElseThrow();
		double top = polygon.stream().mapToDouble(Point::y).min().orElseThrow();
		double bottom = polygon.stream().mapToDouble(Point::y).max().orElseThrow();
		return new Geometry(new BoundingBox(left, top, right - left, bottom - top), polygon);
	}

	private static Point point(double x, double y, int width, int height) {
		return new Point(ratio(x, width), ratio(y, height));
	}

	private static double ratio(double v, int size) {
		return Math.max(0, Math.min(1, (v + 0.5) / size));
	}

	private static FloatBuffer direct(int floats) {
		return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
	}

	@Override
	public void close() {
		if (lineWorkers != null) {
			lineWorkers.shutdownNow();
		}
		closeQuietly(recogniser);
		closeQuietly(detector);
	}

	private static void closeQuietly(OrtSession session) {
		if (session == null) {
			return;
		}
		try {
			session.close();
		}
		catch (OrtException ex) {
			// Closing only frees native memory; nothing a caller could do about a failure here.
		}
	}

	/**
	 * The detector's input size: scaled so the longest side is at most {@code limit} (never enlarged),
	 * then each side rounded to the nearest multiple of 32 (the network halves the size five times), at
	 * least 32.
	 */
	record Size(int width, int height) {

		static Size forDetector(int width, int height, int limit) {
			double scale = Math.min(1.0, (double) limit / Math.max(width, height));
			return new Size(multipleOf32(width * scale), multipleOf32(height * scale));
		}

		private static int multipleOf32(double side) {
			return Math.max(32, (int) Math.round(side / 32) * 32);
		}
	}
}
