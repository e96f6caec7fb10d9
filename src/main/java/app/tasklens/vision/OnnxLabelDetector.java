package app.tasklens.vision;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import app.tasklens.decoding.DecodeBudget;
import app.tasklens.labeling.DetectOptions;
import app.tasklens.labeling.DetectorUnavailableException;
import app.tasklens.labeling.ImageProperties;
import app.tasklens.labeling.Label;
import app.tasklens.labeling.LabelDetection;
import app.tasklens.labeling.LabelDetector;
import app.tasklens.labeling.ModelsMissingException;
import app.tasklens.labeling.TextDetection;

/**
 * The on-box label detector: YOLOX-Nano boxes the 80 COCO objects, MobileNetV2 names one of 1000 ImageNet
 * classes, PP-OCRv4 ({@link OcrEngine}) reads text, and {@link LabelMerger} turns them into Rekognition-style
 * labels.
 *
 * <p>Sessions are created once, on first use, and shared; a missing model is reported on every call (and
 * picked up once it is in place) rather than failing start-up, so the app runs without models and says
 * what is missing. At most {@code concurrentInferences} images are processed at once; each of those slots
 * keeps its own buffers and tensors.
 */
public final class OnnxLabelDetector implements LabelDetector, AutoCloseable {

	static final String MODEL_SET = "tasklens-onbox-1 (yolox-nano, mobilenetv2-12-int8, pp-ocrv4)";
	/** How long a finding that models are missing stands before the files are looked at again. */
	static final Duration MISSING_RECHECK = Duration.ofSeconds(2);

	private final VisionSettings settings;
	private final ModelFiles files;
	private final LabelMerger merger;
	private final TextReading<?> text;
	private final ImageDecoder decoder;
	private final Semaphore slots;
	private final ConcurrentLinkedQueue<Workspace> workspaces = new ConcurrentLinkedQueue<>();
	private final List<Workspace> allWorkspaces = new ArrayList<>();
	private volatile Models models;
	private volatile boolean closed;
	private volatile ModelsMissingException lastMissing;
	private volatile long lastMissingAt;

	/**
	 * @param text reads the text in an image when {@link DetectOptions#detectText()}, inside the detector's
	 *        concurrency limit; its findings become {@code TextDetections} and a "Text" label
	 */
	OnnxLabelDetector(VisionSettings settings, LabelHierarchy hierarchy, TextReading<?> text, DecodeBudget budget) {
		this.settings = settings;
		this.decoder = new ImageDecoder(budget);
		this.files = new ModelFiles(settings.modelsDir(), settings.fetchMissing());
		this.merger = new LabelMerger(hierarchy);
		this.text = text;
		this.slots = new Semaphore(settings.concurrentInferences());
	}

	/**
	 * A detector over the models in {@code settings.modelsDir()} that decodes within a budget of its own
	 * ({@link DecodeBudget#ofHeap}); models load on first use (or {@link #load}).
	 */
	public static OnnxLabelDetector open(VisionSettings settings) {
		return open(settings, DecodeBudget.ofHeap());
	}

	/** A detector whose decodes reserve their memory from {@code budget}, shared with the server's other decoders. */
	public static OnnxLabelDetector open(VisionSettings settings, DecodeBudget budget) {
		return new OnnxLabelDetector(settings, LabelHierarchy.fromClasspath(),
				new TextReading<>(OcrEngine::open, OcrEngine::read), budget);
	}

	/**
	 * Loads all models now instead of with the first image. It holds a concurrency slot meanwhile, so that
	 * {@link #close} waits for a load under way instead of closing the runtime under it (a stop during the
	 * start-up preload crashed the process in {@code OrtSession.createSession}).
	 *
	 * @throws ModelsMissingException when a model file is missing or not the pinned one
	 * @throws DetectorUnavailableException when a model does not load, or the detector is closed
	 */
	public void load() {
		inSlot((loaded, workspace) -> {
			recheckingMissing(() -> text.open(files, settings.intraOpThreads()));
			return null;
		});
	}

	@Override
	public String modelVersion() {
		return MODEL_SET;
	}

	@Override
	public LabelDetection detect(byte[] image, DetectOptions options) {
		return detectTimed(image, options).detection();
	}

	/** {@link #detect}, also telling how long each stage took. */
	public TimedDetection detectTimed(byte[] image, DetectOptions options) {
		return detectTimed(image, options, LabelTuning.DEFAULT);
	}

	/** {@link #detectTimed} with other tuning than the shipped one, for measuring. */
	public TimedDetection detectTimed(byte[] image, DetectOptions options, LabelTuning tuning) {
		return inSlot((loaded, workspace) -> run(image, options, tuning, loaded, workspace));
	}

	/**
	 * What the models see in an image, with every classifier view, before it becomes labels: for fitting and
	 * comparing {@link LabelTuning}s on the same images without running the models again ({@link #labels}).
	 */
	public Evidence evidence(byte[] image, DetectOptions options) {
		return inSlot((loaded, workspace) -> {
			try (DecodedImage decoded = decoder.decode(image)) {
				BufferedImage pixels = decoded.pixels();
				Letterbox letterbox = loaded.detector.prepare(pixels, workspace.detector, workspace.scratch);
				ObjectDetector.Passes passes = loaded.detector.passes(workspace.detector, letterbox);
				Map<ClassifierView, float[][]> logits = loaded.classifier.classify(pixels,
						EnumSet.allOf(ClassifierView.class), workspace.classifier, workspace.scratch);
				List<TextDetection> texts = options.detectText()
						? recheckingMissing(() -> text.read(pixels, files, settings.intraOpThreads()))
						: List.of();
				Map<Detection, float[]> crops = crops(loaded, pixels, workspace, merger.cropCheck().candidates(passes.fused()));
				crops.putAll(crops(loaded, pixels, workspace, merger.cropCheck().candidates(passes.straight())));
				crops.putAll(crops(loaded, pixels, workspace, merger.cropCheck().candidates(passes.mirrored())));
				Map<Integer, List<Detection>> tiles = Map.of(2, tiles(loaded, pixels, workspace, 2), 4,
						tiles(loaded, pixels, workspace, 4));
				return new Evidence(passes.fused(), passes.straight(), passes.mirrored(), tiles, logits, texts, crops);
			}
		});
	}

	/** The labels of {@code evidence} with {@code tuning}, as {@link #detect} would give them. */
	public List<Label> labels(Evidence evidence, LabelTuning tuning, DetectOptions options) {
		List<Detection> boxes = evidence.boxes(tuning);
		return merger.merge(boxes, evidence.cropsOf(boxes), LabelMerger.probabilities(evidence.logits, tuning),
				evidence.texts, tuning, options);
	}

	/** {@link #evidence}'s result; opaque outside this package. */
	public static final class Evidence {

		private final List<Detection> boxes;
		/** The detector's straight pass alone ({@link LabelTuning#mirror} false). */
		private final List<Detection> straight;
		/** The detector's mirrored pass alone, in the unmirrored image. */
		private final List<Detection> mirrored;
		/** Boxes found on 2 and on 4 tiles ({@link LabelTuning#tiles}). */
		private final Map<Integer, List<Detection>> tiles;
		private final Map<ClassifierView, float[][]> logits;
		private final List<TextDetection> texts;
		/** The classifier's logits for each box of {@link CropCheck#candidates}. */
		private final Map<Detection, float[]> crops;

		Evidence(List<Detection> boxes, List<Detection> straight, List<Detection> mirrored, Map<Integer, List<Detection>> tiles,
				Map<ClassifierView, float[][]> logits, List<TextDetection> texts, Map<Detection, float[]> crops) {
			this.boxes = List.copyOf(boxes);
			this.straight = List.copyOf(straight);
			this.mirrored = List.copyOf(mirrored);
			this.tiles = Map.copyOf(tiles);
			this.logits = Map.copyOf(logits);
			this.texts = List.copyOf(texts);
			this.crops = Map.copyOf(crops);
		}

		List<Detection> boxes(LabelTuning tuning) {
			List<Detection> whole = !tuning.mirror() ? straight
					: (float) tuning.unpaired() == BoxFusion.UNPAIRED ? boxes
							: BoxFusion.fuse(straight, mirrored, (float) tuning.unpaired());
			return tuning.tiles() == 0 ? whole : BoxFusion.withTiles(whole, tiles.get(tuning.tiles()), (float) tuning.tileWeight(),
					(float) tuning.tileMaxArea());
		}

		/** The crops looked at for boxes of the same class and place as {@code boxes}, whatever their scores. */
		Map<Detection, float[]> cropsOf(List<Detection> boxes) {
			Map<Detection, float[]> found = new HashMap<>();
			for (Detection box : boxes) {
				float[] logits = crops.get(box);
				if (logits == null) {
					for (Map.Entry<Detection, float[]> crop : crops.entrySet()) {
						if (samePlace(crop.getKey(), box)) {
							logits = crop.getValue();
							break;
						}
					}
				}
				if (logits != null) {
					found.put(box, logits);
				}
			}
			return found;
		}

		private static boolean samePlace(Detection a, Detection b) {
			return a.classIndex() == b.classIndex() && Math.abs(a.x1() - b.x1()) < 1e-4 && Math.abs(a.y1() - b.y1()) < 1e-4
					&& Math.abs(a.x2() - b.x2()) < 1e-4 && Math.abs(a.y2() - b.y2()) < 1e-4;
		}

		/** The classifier's {@code k} most likely classes, most likely first, averaged over {@code tuning}'s views. */
		public int[] topImagenetClasses(LabelTuning tuning, int k) {
			return Scores.topK(LabelMerger.probabilities(logits, tuning), k);
		}
	}

	/**
	 * The classifier's {@code k} most likely ImageNet-1k classes for the image, most likely first, as class
	 * indices 0–999 in sorted WordNet-id order (the order of {@link LabelHierarchy#imagenet}); for measuring
	 * the classifier on its own.
	 */
	public int[] topImagenetClasses(byte[] image, int k) {
		return inSlot((loaded, workspace) -> {
			try (DecodedImage decoded = decoder.decode(image)) {
				return Scores.topK(loaded.classifier.classify(decoded.pixels(), workspace.classifier, workspace.scratch), k);
			}
		});
	}

	/** Runs {@code work} in one of the concurrency slots, with loaded models and that slot's buffers. */
	private <T> T inSlot(SlotWork<T> work) {
		slots.acquireUninterruptibly();
		Workspace workspace = null;
		try {
			if (closed) {
				throw new DetectorUnavailableException("the label detector is closed: the server is stopping");
			}
			Models loaded = models();
			workspace = workspace(loaded);
			return work.run(loaded, workspace);
		}
		catch (OrtException ex) {
			throw new DetectorUnavailableException("ONNX Runtime failed: " + ex.getMessage(), ex);
		}
		finally {
			if (workspace != null) {
				workspaces.add(workspace);
			}
			slots.release();
		}
	}

	@FunctionalInterface
	private interface SlotWork<T> {
		T run(Models loaded, Workspace workspace) throws OrtException;
	}

	private TimedDetection run(byte[] bytes, DetectOptions options, LabelTuning tuning, Models loaded,
			Workspace workspace) throws OrtException {
		Stopwatch watch = new Stopwatch();
		try (DecodedImage image = decoder.decode(bytes)) {
			return run(image, watch.lap(), options, tuning, loaded, workspace, watch);
		}
	}

	private TimedDetection run(DecodedImage image, Duration decode, DetectOptions options, LabelTuning tuning,
			Models loaded, Workspace workspace, Stopwatch watch) throws OrtException {
		BufferedImage pixels = image.pixels();
		Letterbox letterbox = loaded.detector.prepare(pixels, workspace.detector, workspace.scratch);
		List<Detection> boxes = loaded.detector.detect(workspace.detector, letterbox, tuning);
		Duration detector = watch.lap();

		float[] probabilities = LabelMerger.probabilities(
				loaded.classifier.classify(pixels, tuning.views(), workspace.classifier, workspace.scratch), tuning);
		Map<Detection, float[]> crops = crops(loaded, pixels, workspace, merger.cropCheck().looked(boxes, tuning.crops()));
		Duration classifier = watch.lap();

		List<TextDetection> texts = options.detectText()
				? recheckingMissing(() -> text.read(pixels, files, settings.intraOpThreads()))
				: List.of();
		Duration ocr = watch.lap();

		ImageStatistics.Planes planes = new ImageStatistics.Planes(workspace.detector.input(), ObjectDetector.SIZE,
				ObjectDetector.SIZE * ObjectDetector.SIZE, letterbox.width(), letterbox.height());
		ImageProperties properties = new ImageProperties(image.width(), image.height(), image.format(),
				ImageStatistics.quality(planes), ImageStatistics.dominantColors(planes));
		Duration measured = watch.lap();

		// After the statistics, which read the detector's input that the tiles overwrite; timed with the merge.
		if (tuning.tiles() > 0) {
			boxes = BoxFusion.withTiles(boxes, tiles(loaded, pixels, workspace, tuning.tiles()), (float) tuning.tileWeight(),
					(float) tuning.tileMaxArea());
		}
		List<Label> labels = merger.merge(boxes, crops, probabilities, texts, tuning, options);
		Duration merge = watch.lap();

		return new TimedDetection(new LabelDetection(labels, texts, properties, MODEL_SET),
				new StageTimings(decode, detector, classifier, ocr, measured, merge));
	}

	/** The classifier's logits for each of {@code boxes} alone ({@link CropCheck}). */
	private static Map<Detection, float[]> crops(Models loaded, BufferedImage pixels, Workspace workspace,
			List<Detection> boxes) throws OrtException {
		Map<Detection, float[]> crops = new HashMap<>();
		for (Detection box : boxes) {
			crops.put(box, loaded.classifier.classifyRegion(pixels, box, CropCheck.MARGIN, workspace.classifier,
					workspace.scratch));
		}
		return crops;
	}

	/** The detector's closer look at 2 tiles along the long side, or 2 × 2; overwrites the detector's input. */
	private static List<Detection> tiles(Models loaded, BufferedImage pixels, Workspace workspace, int tiles)
			throws OrtException {
		boolean landscape = pixels.getWidth() >= pixels.getHeight();
		int columns = tiles == 4 || landscape ? 2 : 1;
		int rows = tiles == 4 || !landscape ? 2 : 1;
		return loaded.detector.detectTiles(pixels, workspace.detector, workspace.scratch, columns, rows);
	}

	private Models models() {
		Models loaded = models;
		if (loaded != null) {
			return loaded;
		}
		synchronized (this) {
			if (models == null) {
				models = recheckingMissing(() -> Models.load(files, settings));
			}
			return models;
		}
	}

	/**
	 * Runs {@code load}, but within {@link #MISSING_RECHECK} of finding models missing answers that again
	 * without looking: while labeling is paused every waiting image asks, and a look may be a download.
	 */
	private <T> T recheckingMissing(Supplier<T> load) {
		ModelsMissingException missing = lastMissing;
		if (missing != null && System.nanoTime() - lastMissingAt < MISSING_RECHECK.toNanos()) {
			throw missing;
		}
		try {
			T loaded = load.get();
			lastMissing = null;
			return loaded;
		}
		catch (ModelsMissingException ex) {
			lastMissingAt = System.nanoTime();
			lastMissing = ex;
			throw ex;
		}
	}

	private Workspace workspace(Models loaded) throws OrtException {
		Workspace workspace = workspaces.poll();
		if (workspace != null) {
			return workspace;
		}
		workspace = new Workspace(loaded.detector.newIo(), loaded.classifier.newIo(), new Scratch());
		synchronized (allWorkspaces) {
			allWorkspaces.add(workspace);
		}
		return workspace;
	}

	/** Waits for running detections, then releases sessions and tensors. */
	@Override
	public void close() throws Exception {
		int permits = settings.concurrentInferences();
		slots.acquireUninterruptibly(permits);
		try {
			if (closed) {
				return;
			}
			closed = true;
			synchronized (allWorkspaces) {
				allWorkspaces.forEach(Workspace::close);
				allWorkspaces.clear();
			}
			workspaces.clear();
			if (models != null) {
				models.close();
			}
			text.close();
		}
		finally {
			slots.release(permits);
		}
	}

	/** The two sessions; loading verifies each file against the catalog first. */
	private record Models(ObjectDetector detector, ImageClassifier classifier) {

		static Models load(ModelFiles files, VisionSettings settings) {
			int intraOpThreads = settings.intraOpThreads();
			// Linking the native runtime (and unpacking it, the first time) takes a while; the checksums run meanwhile.
			CompletableFuture<OrtEnvironment> runtime = startRuntime(settings);
			Path yolox = files.require(Model.YOLOX_NANO);
			Path mobilenet = files.require(Model.MOBILENET_V2_INT8);
			OrtEnvironment environment = start(runtime);
			ObjectDetector detector = null;
			try {
				detector = new ObjectDetector(environment, yolox, intraOpThreads);
				ImageClassifier classifier = new ImageClassifier(environment, mobilenet, intraOpThreads);
				return new Models(detector, classifier);
			}
			catch (OrtException ex) {
				closeQuietly(detector);
				throw new DetectorUnavailableException("a model in " + files.directory()
						+ " does not load in ONNX Runtime: " + ex.getMessage(), ex);
			}
			catch (RuntimeException ex) {
				closeQuietly(detector);
				throw ex;
			}
		}

		/**
		 * Starts ONNX Runtime on a thread of its own with a 16 MB stack: its native start-up crashes the process
		 * on a thread with a small stack when the process's command line is long (seen with 1.29 and a
		 * 4 KB class path), and labeling threads are started with the JVM's default stack.
		 */
		private static CompletableFuture<OrtEnvironment> startRuntime(VisionSettings settings) {
			CompletableFuture<OrtEnvironment> runtime = new CompletableFuture<>();
			Thread starter = new Thread(null, () -> {
				try {
					OnnxRuntimeLibraries.useCache(settings.nativeCacheDir());
					runtime.complete(OrtEnvironment.getEnvironment());
				}
				catch (Throwable ex) {
					runtime.completeExceptionally(ex);
				}
			}, "onnxruntime-start", 16L << 20);
			starter.setDaemon(true);
			starter.start();
			return runtime;
		}

		private static OrtEnvironment start(CompletableFuture<OrtEnvironment> runtime) {
			try {
				return runtime.join();
			}
			catch (CompletionException ex) {
				throw new DetectorUnavailableException("ONNX Runtime does not start on this machine: "
						+ ex.getCause().getMessage(), ex.getCause());
			}
		}

		void close() throws OrtException {
			detector.close();
			classifier.close();
		}

		private static void closeQuietly(ObjectDetector detector) {
			if (detector != null) {
				try {
					detector.close();
				}
				catch (OrtException ignored) {
					// already failing with the load error, which says more
				}
			}
		}
	}

	/** One concurrency slot's reusable buffers. */
	private record Workspace(OnnxModel.Io detector, OnnxModel.Io classifier, Scratch scratch) {

		void close() {
			detector.close();
			classifier.close();
		}
	}

	private static final class Stopwatch {

		private long last = System.nanoTime();

		Duration lap() {
			long now = System.nanoTime();
			Duration lap = Duration.ofNanos(now - last);
			last = now;
			return lap;
		}
	}
}
