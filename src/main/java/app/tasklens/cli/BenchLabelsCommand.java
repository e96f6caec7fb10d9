package app.tasklens.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import app.tasklens.cli.LabelMetrics.ClassBox;
import app.tasklens.cli.LabelMetrics.Matching;
import app.tasklens.cli.LabelMetrics.Ratio;
import app.tasklens.labeling.BoundingBox;
import app.tasklens.labeling.DetectOptions;
import app.tasklens.labeling.Label;
import app.tasklens.labeling.LabelDetection;
import app.tasklens.vision.LabelHierarchy;
import app.tasklens.vision.LabelHierarchy.LabelNode;
import app.tasklens.vision.LabelTuning;
import app.tasklens.vision.OcrSamples;
import app.tasklens.vision.OnnxLabelDetector;
import app.tasklens.vision.StageTimings;
import app.tasklens.vision.TimedDetection;
import app.tasklens.vision.VisionSettings;

/**
 * {@code ./tasklens bench-labels [--eval DIR] [--out DIR]}: how good and how fast the on-box labeler is on
 * the evaluation photos ({@code imagenet/} and {@code coco/}, see their README) and on text images it
 * renders itself. Writes {@code bench-labels.json} and {@code bench-labels.md} to the output folder and
 * prints the table. Every figure comes from this run, with the detector's default options
 * (MinConfidence 55, text on). Exit code 0 when every floor holds, 1 when one does not.
 *
 * <p>Order of work: model load (timed, cold, as a command sees it); the classifier alone on the ImageNet
 * photos; a warm-up; one pass over all photos on one thread (latency per stage, and the labels every
 * accuracy figure is taken from); batches on a pool of one thread per core, all photos and the photos
 * without text in turn, {@value #BATCH_PASSES} times (throughput, marginal cost of a photo, CPU time); the
 * text images of {@link OcrSamples#benchmark()}, each labeled {@value #OCR_RUNS} times as PNG files (word
 * recall, OCR time). Times that other tenants of the machine can only lengthen count by the fastest
 * repetition, with the median beside it.
 */
final class BenchLabelsCommand {

	static final String USAGE = "usage: ./tasklens bench-labels [--eval DIR] [--everyday DIR] [--out DIR] [--quality-only]";

	static final double TOP5_FLOOR = 0.95;
	static final double EVERYDAY_HIT5_FLOOR = 0.80;
	static final double RECALL_FLOOR = 0.75;
	static final double PRECISION_FLOOR = 0.85;
	static final double MARGINAL_FLOOR_MS = 40;
	static final double OCR_PAGE_FLOOR_MS = 300;
	static final double LOAD_FLOOR_MS = 1000;
	static final double MIN_IOU = 0.5;
	private static final int WARM_UP = 8;
	/** Each text image is labeled this often; its OCR time counts by the fastest run, as batches do. */
	private static final int OCR_RUNS = 5;
	/** The sample whose OCR time the page floor applies to: an A4 page at 150 dpi. */
	private static final String PAGE = "page";
	/**
	 * Batches run this often. Other tenants of the machine only ever add wall time (seen: the same batch at
	 * 15 s and 30 s with the same CPU time), so the fastest pass is the closest to the machine to itself; the
	 * median is reported beside it.
	 */
	private static final int BATCH_PASSES = 3;

	private BenchLabelsCommand() {
	}

	static int run(String[] args) {
		Path eval = Path.of("../shared/eval");
		Path out = Path.of("target/bench-labels");
		Path everyday = Path.of("eval/everyday");
		boolean qualityOnly = false;
		try {
			for (int i = 0; i < args.length; i++) {
				switch (args[i]) {
					case "--eval" -> eval = Path.of(value(args, ++i));
					case "--out" -> out = Path.of(value(args, ++i));
					case "--everyday" -> everyday = Path.of(value(args, ++i));
					case "--quality-only" -> qualityOnly = true;
					case "-h", "--help" -> {
						System.out.println(USAGE);
						return 0;
					}
					default -> throw new IllegalArgumentException("unknown argument " + args[i]);
				}
			}
		}
		catch (IllegalArgumentException ex) {
			System.err.println("tasklens bench-labels: " + ex.getMessage());
			System.err.println(USAGE);
			return 2;
		}
		try {
			if (qualityOnly) {
				Tuning tuning = measureQuality(eval, everyday);
				String table = tuning.markdown(new Floor("everyday hit@5", tuning.shipped().hit5(), "≥ 80 %",
						tuning.shipped().hit5() >= EVERYDAY_HIT5_FLOOR));
				Files.createDirectories(out);
				Files.writeString(out.resolve("bench-labels-quality.md"), table);
				Files.write(out.resolve("everyday-labels.txt"), tuning.everydayFirstFive());
				Files.write(out.resolve("coco-misses.txt"), tuning.cocoMisses());
				System.out.print(table);
				return 0;
			}
			Report report = measure(eval, everyday);
			String table = report.markdown();
			Files.createDirectories(out);
			JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
			Files.writeString(out.resolve("bench-labels.json"), json.writeValueAsString(report));
			Files.writeString(out.resolve("bench-labels.md"), table);
			Files.write(out.resolve("everyday-labels.txt"), report.everydayFirstFive());
			Files.write(out.resolve("coco-misses.txt"), report.tuning().cocoMisses());
			System.out.print(table);
			System.out.println("\nwritten: " + out.resolve("bench-labels.json") + ", " + out.resolve("bench-labels.md"));
			return report.holdsAllFloors() ? 0 : 1;
		}
		catch (Exception ex) {
			System.err.println("tasklens bench-labels: " + (ex.getMessage() != null ? ex.getMessage() : ex));
			return 1;
		}
	}

	private static Report measure(Path eval, Path everydayFolder) throws Exception {
		LabelHierarchy hierarchy = LabelHierarchy.fromClasspath();
		List<Photo> imagenet = imagenetPhotos(hierarchy, eval.resolve("imagenet"));
		List<Photo> coco = cocoPhotos(eval.resolve("coco"));
		List<Photo> everyday = everydayPhotos(everydayFolder);
		List<Photo> all = Stream.concat(imagenet.stream(), coco.stream()).toList();
		LabelMetrics metrics = new LabelMetrics(hierarchy);
		DetectOptions options = DetectOptions.defaults();
		double loadAverageBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

		long start = System.nanoTime();
		VisionSettings settings = CliSettings.vision();
		try (OnnxLabelDetector detector = OnnxLabelDetector.open(settings)) {
			detector.load();
			double loadMs = millis(System.nanoTime() - start);

			Classifier classifier = classify(detector, imagenet);
			TuningLab lab = new TuningLab(detector, metrics, options, truths(detector, imagenet, options),
					truths(detector, coco, options), truths(detector, everyday, options));
			Tuning tuning = new Tuning(lab.quality("shipped", LabelTuning.DEFAULT), lab.views(), lab.crossValidate(),
					lab.methods(), lab.reliability(), lab.everydayFirstFive(everyday.stream().map(Photo::name).toList()),
					lab.cocoMisses(coco.stream().map(Photo::name).toList()));
			for (int i = 0; i < WARM_UP; i++) {
				detector.detectTimed(all.get(i * all.size() / WARM_UP).bytes(), options);
			}
			List<TimedDetection> timed = new ArrayList<>();
			for (Photo photo : all) {
				timed.add(detector.detectTimed(photo.bytes(), options));
			}
			Imagenet imagenetScore = scoreImagenet(metrics, hierarchy, imagenet, timed.subList(0, imagenet.size()));
			Coco cocoScore = scoreCoco(metrics, hierarchy, coco, timed.subList(imagenet.size(), timed.size()));

			List<Photo> withoutText = new ArrayList<>();
			for (int i = 0; i < all.size(); i++) {
				if (timed.get(i).detection().textDetections().isEmpty()) {
					withoutText.add(all.get(i));
				}
			}
			Throughput throughput = throughput(detector, all, withoutText, options);
			List<TextImage> text = readText(detector, options);

			return Report.of(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), throughput.threads(),
					settings.intraOpThreads(), loadAverageBefore,
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), detector.modelVersion(),
					eval.toAbsolutePath().normalize().toString(), loadMs, classifier, imagenetScore, cocoScore,
					Latency.of(timed.stream().map(TimedDetection::timings).toList()), throughput, text, tuning);
		}
	}

	/** Only the label quality figures (no timing): for trying a change to the merge quickly. */
	private static Tuning measureQuality(Path eval, Path everydayFolder) throws Exception {
		LabelHierarchy hierarchy = LabelHierarchy.fromClasspath();
		List<Photo> imagenet = imagenetPhotos(hierarchy, eval.resolve("imagenet"));
		List<Photo> coco = cocoPhotos(eval.resolve("coco"));
		List<Photo> everyday = everydayPhotos(everydayFolder);
		DetectOptions options = DetectOptions.defaults();
		try (OnnxLabelDetector detector = OnnxLabelDetector.open(CliSettings.vision())) {
			TuningLab lab = new TuningLab(detector, new LabelMetrics(hierarchy), options, truths(detector, imagenet, options),
					truths(detector, coco, options), truths(detector, everyday, options));
			return new Tuning(lab.quality("shipped", LabelTuning.DEFAULT), lab.views(), lab.crossValidate(),
					lab.methods(), lab.reliability(), lab.everydayFirstFive(everyday.stream().map(Photo::name).toList()),
					lab.cocoMisses(coco.stream().map(Photo::name).toList()));
		}
	}

	/** Every photo's evidence with all classifier views, and its truth. */
	private static List<TuningLab.Truth> truths(OnnxLabelDetector detector, List<Photo> photos, DetectOptions options) {
		List<TuningLab.Truth> truths = new ArrayList<>();
		for (Photo photo : photos) {
			Set<Integer> present = new LinkedHashSet<>();
			photo.objects().forEach(object -> present.add(object.classIndex()));
			truths.add(new TuningLab.Truth(detector.evidence(photo.bytes(), options), photo.imagenetClass(), present,
					photo.half(), photo.accepted(), photo.wrong()));
		}
		return truths;
	}

	/**
	 * The tuning figures: the shipped tuning on all photos, each set of classifier views, the cross-validated
	 * fits, the reliability table, and each everyday photo's first five labels.
	 */
	record Tuning(TuningLab.Quality shipped, List<TuningLab.Quality> views, List<TuningLab.Fit> fits,
			List<TuningLab.Method> methods, List<TuningLab.Bin> reliability, List<String> everydayFirstFive,
			List<String> cocoMisses) {

		String markdown(Floor everydayFloor) {
			StringBuilder md = new StringBuilder();
			md.append(String.format(Locale.ROOT, "%nEveryday photos (%d, `--everyday`), shipped tuning%n%n", shipped.photos()));
			md.append("| Measure | Value | Floor | |\n|---|---:|---|---|\n");
			Report.row(md, "hit@1: first label accepted", Report.pct(shipped.hit1()), null);
			Report.row(md, "hit@5: an accepted label among the first five", Report.pct(shipped.hit5()), everydayFloor);
			Report.row(md, "photos with no label", Report.pct(shipped.noLabel()), null);
			Report.row(md, "labels at ≥ 90 not accepted (photos with one)",
					shipped.wrongAt90() + " (" + shipped.photosWrongAt90() + ")", null);
			Report.row(md, "labels named wrong among the first five", String.valueOf(shipped.namedWrongInFive()), null);
			md.append("\nWhat each classifier view buys (all photos; each look is one more classifier inference)\n\n");
			md.append("| Views | ImageNet top-1 | top-5 | COCO recall | COCO precision | everyday hit@1 | hit@5 | no label"
					+ " | wrong ≥ 90 |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
			for (TuningLab.Quality q : views) {
				md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %d |%n", q.tuning(),
						Report.pct(q.top1()), Report.pct(q.top5()), Report.num(q.cocoRecall()), Report.num(q.cocoPrecision()), Report.pct(q.hit1()),
						Report.pct(q.hit5()), Report.pct(q.noLabel()), q.wrongAt90()));
			}
			md.append("\nCross-validation: fitted on one half, reported on the other\n\n");
			md.append("| Parameter | fitted on | value | reported on the other half |\n|---|---|---:|---|\n");
			for (TuningLab.Fit fit : fits) {
				TuningLab.Quality q = fit.reported();
				String reported = fit.parameter().startsWith("detector")
						? "COCO recall " + Report.num(q.cocoRecall()) + ", precision " + Report.num(q.cocoPrecision())
						: "everyday hit@1 " + Report.pct(q.hit1()) + ", hit@5 " + Report.pct(q.hit5()) + ", wrong ≥ 90: " + q.wrongAt90();
				md.append(String.format(Locale.ROOT, "| %s | %c | %.2f | %s |%n", fit.parameter(), fit.fittedOn(),
						fit.value(), reported));
			}
			md.append("\nMerge methods, cross-validated: detector odds fitted on one COCO half, reported on the other;"
					+ " then the method at its shipped odds on all photos\n\n");
			md.append("| Method | odds A | → B recall | B precision | odds B | → A recall | A precision | all recall"
					+ " | all precision | ImageNet top-5 | everyday hit@1 | hit@5 | no label | wrong ≥ 90 |\n"
					+ "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
			for (TuningLab.Method m : methods) {
				TuningLab.Quality q = m.all();
				md.append(String.format(Locale.ROOT, "| %s | %.2f | %s | %s | %.2f | %s | %s | %s | %s | %s | %s | %s | %s | %d |%n",
						m.name(), m.oddsA(), Report.num(m.onB().cocoRecall()), Report.num(m.onB().cocoPrecision()), m.oddsB(),
						Report.num(m.onA().cocoRecall()), Report.num(m.onA().cocoPrecision()), Report.num(q.cocoRecall()),
						Report.num(q.cocoPrecision()), Report.pct(q.top5()), Report.pct(q.hit1()), Report.pct(q.hit5()),
						Report.pct(q.noLabel()), q.wrongAt90()));
			}
			md.append("\nReliability of the shipped tuning: confidence bin → share of labels that are right\n\n");
			md.append("| Labels | bin | labels | right |\n|---|---|---:|---:|\n");
			for (TuningLab.Bin bin : reliability) {
				md.append(String.format(Locale.ROOT, "| %s | %.0f–%.0f | %d | %s |%n", bin.set(), bin.from(),
						Math.min(100, bin.to()), bin.labels(), bin.labels() == 0 ? "–" : Report.pct(bin.right())));
			}
			return md.toString();
		}
	}

	private static Classifier classify(OnnxLabelDetector detector, List<Photo> photos) {
		Ratio top1 = Ratio.NONE;
		Ratio top5 = Ratio.NONE;
		for (Photo photo : photos) {
			int[] top = detector.topImagenetClasses(photo.bytes(), 5);
			top1 = top1.plus(Ratio.of(top[0] == photo.imagenetClass()));
			top5 = top5.plus(Ratio.of(Arrays.stream(top).anyMatch(c -> c == photo.imagenetClass())));
		}
		return new Classifier(photos.size(), top1.value(), top5.value());
	}

	private static Imagenet scoreImagenet(LabelMetrics metrics, LabelHierarchy hierarchy, List<Photo> photos,
			List<TimedDetection> results) {
		Ratio ancestor = Ratio.NONE;
		Ratio itself = Ratio.NONE;
		for (int i = 0; i < photos.size(); i++) {
			List<Label> labels = results.get(i).detection().labels();
			LabelNode truth = hierarchy.imagenet(photos.get(i).imagenetClass());
			ancestor = ancestor.plus(Ratio.of(metrics.namesClassOrAncestor(truth, labels)));
			itself = itself.plus(Ratio.of(labels.stream().anyMatch(label -> label.name().equals(truth.name()))));
		}
		return new Imagenet(photos.size(), ancestor.value(), itself.value());
	}

	private static Coco scoreCoco(LabelMetrics metrics, LabelHierarchy hierarchy, List<Photo> photos,
			List<TimedDetection> results) {
		Ratio recall = Ratio.NONE;
		Ratio precision = Ratio.NONE;
		Matching boxes = Matching.NONE;
		for (int i = 0; i < photos.size(); i++) {
			Photo photo = photos.get(i);
			LabelDetection detection = results.get(i).detection();
			Set<Integer> present = new LinkedHashSet<>();
			photo.objects().forEach(object -> present.add(object.classIndex()));
			recall = recall.plus(metrics.labelRecall(present, detection.labels()));
			precision = precision.plus(metrics.labelPrecision(present, detection.labels()));
			boxes = boxes.plus(LabelMetrics.match(photo.objects(), detectedBoxes(hierarchy, detection), MIN_IOU));
		}
		return new Coco(photos.size(), recall.total(), recall.value(), precision.total(), precision.value(),
				boxes.annotated(), boxes.predicted(), boxes.precision().value(), boxes.recall().value());
	}

	/** The boxes of the labels named after COCO classes: the detector's objects as the user gets them. */
	private static List<ClassBox> detectedBoxes(LabelHierarchy hierarchy, LabelDetection detection) {
		List<ClassBox> boxes = new ArrayList<>();
		for (Label label : detection.labels()) {
			for (int c = 0; c < hierarchy.cocoClasses(); c++) {
				if (hierarchy.coco(c).name().equals(label.name())) {
					for (Label.Instance instance : label.instances()) {
						boxes.add(new ClassBox(c, instance.boundingBox(), instance.confidence()));
					}
				}
			}
		}
		return boxes;
	}

	/**
	 * Labels all photos, and the photos without text, on a pool of one thread per core, the way
	 * {@code ./tasklens label} labels a batch; {@link #BATCH_PASSES} passes of each, interleaved so that
	 * bursts of work by other tenants of the machine fall on both alike.
	 */
	private static Throughput throughput(OnnxLabelDetector detector, List<Photo> all, List<Photo> withoutText,
			DetectOptions options) throws InterruptedException, ExecutionException {
		int threads = Runtime.getRuntime().availableProcessors();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		double[][] allPasses = new double[2][BATCH_PASSES];
		double[][] plainPasses = new double[2][BATCH_PASSES];
		double[][] twoTilePasses = new double[2][BATCH_PASSES];
		double[][] fourTilePasses = new double[2][BATCH_PASSES];
		double[][] noCropPasses = new double[2][BATCH_PASSES];
		LabelTuning noCrops = LabelTuning.DEFAULT.withCrops(LabelTuning.CropLook.NONE);
		LabelTuning twoTiles = LabelTuning.DEFAULT.withTiles(2, 0.5, 0.05);
		LabelTuning fourTiles = LabelTuning.DEFAULT.withTiles(4, 0.5, 0.05);
		try {
			for (int pass = 0; pass < BATCH_PASSES; pass++) {
				batch(pool, detector, all, options, LabelTuning.DEFAULT, allPasses, pass);
				batch(pool, detector, withoutText, options, LabelTuning.DEFAULT, plainPasses, pass);
				batch(pool, detector, withoutText, options, twoTiles, twoTilePasses, pass);
				batch(pool, detector, withoutText, options, fourTiles, fourTilePasses, pass);
				batch(pool, detector, withoutText, options, noCrops, noCropPasses, pass);
			}
		}
		finally {
			pool.shutdownNow();
		}
		return new Throughput(threads, Batch.of(all.size(), allPasses), Batch.of(withoutText.size(), plainPasses),
				Batch.of(withoutText.size(), twoTilePasses), Batch.of(withoutText.size(), fourTilePasses),
				Batch.of(withoutText.size(), noCropPasses));
	}

	/** One pass: its wall time goes to {@code passes[0][pass]}, the process's CPU time to {@code passes[1][pass]}. */
	private static void batch(ExecutorService pool, OnnxLabelDetector detector, List<Photo> photos,
			DetectOptions options, LabelTuning tuning, double[][] passes, int pass)
			throws InterruptedException, ExecutionException {
		long cpu = processCpuNanos();
		long start = System.nanoTime();
		List<Future<LabelDetection>> results = new ArrayList<>();
		for (Photo photo : photos) {
			results.add(pool.submit(() -> detector.detectTimed(photo.bytes(), options, tuning).detection()));
		}
		for (Future<LabelDetection> result : results) {
			result.get();
		}
		passes[0][pass] = millis(System.nanoTime() - start);
		passes[1][pass] = millis(processCpuNanos() - cpu);
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static List<TextImage> readText(OnnxLabelDetector detector, DetectOptions options) throws IOException {
		List<TextImage> results = new ArrayList<>();
		for (OcrSamples.Sample sample : OcrSamples.benchmark()) {
			ByteArrayOutputStream png = new ByteArrayOutputStream();
			ImageIO.write(sample.image(), "png", png);
			double[] ocrMs = new double[OCR_RUNS];
			double[] totalMs = new double[OCR_RUNS];
			double recall = 0;
			for (int run = 0; run < OCR_RUNS; run++) {
				TimedDetection timed = detector.detectTimed(png.toByteArray(), options);
				ocrMs[run] = timed.timings().ocr().toNanos() / 1e6;
				totalMs[run] = timed.timings().total().toNanos() / 1e6;
				recall = sample.wordRecall(timed.detection().textDetections());
			}
			results.add(new TextImage(sample.name(), sample.image().getWidth(), sample.image().getHeight(),
					sample.words().size(), recall, LabelMetrics.percentile(ocrMs, 0), LabelMetrics.percentile(ocrMs, 50),
					LabelMetrics.percentile(totalMs, 0)));
		}
		return results;
	}

	/** An evaluation photo: its bytes, and its truth (an ImageNet class, or COCO objects). */
	private record Photo(byte[] bytes, int imagenetClass, List<ClassBox> objects, String name, char half,
			Set<String> accepted, Set<String> wrong) {

		Photo(byte[] bytes, int imagenetClass, List<ClassBox> objects) {
			this(bytes, imagenetClass, objects, "", 'A', Set.of(), Set.of());
		}
	}

	/** {@code photos.tsv}: file, half, accepted names, wrong names, then source columns (see its README). */
	private static List<Photo> everydayPhotos(Path folder) throws IOException {
		Path index = folder.resolve("photos.tsv");
		if (!Files.exists(index)) {
			throw new IOException("no " + index.toAbsolutePath().normalize() + " (give the everyday set with --everyday DIR)");
		}
		List<Photo> photos = new ArrayList<>();
		for (String line : Files.readAllLines(index)) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] f = line.split("\t", -1);
			photos.add(new Photo(Files.readAllBytes(folder.resolve("images").resolve(f[0])), -1, List.of(), f[0],
					f[1].charAt(0), Set.of(f[2].split("\\|")), f[3].isBlank() ? Set.of() : Set.of(f[3].split("\\|"))));
		}
		return photos;
	}

	private static List<Photo> imagenetPhotos(LabelHierarchy hierarchy, Path folder) throws IOException {
		List<Photo> photos = new ArrayList<>();
		for (Path file : files(folder, ".jpeg")) {
			String wordnetId = file.getFileName().toString().split("_", 2)[0];
			int truth = hierarchy.imagenetClass(wordnetId)
				.orElseThrow(() -> new IOException(file + ": " + wordnetId + " is not an ImageNet-1k class"));
			photos.add(new Photo(Files.readAllBytes(file), truth, List.of()));
		}
		return photos;
	}

	/** {@code images/<id>.jpg} with {@code labels/<id>.txt}: one object a line, {@code class cx cy w h} in 0–1. */
	private static List<Photo> cocoPhotos(Path folder) throws IOException {
		List<Photo> photos = new ArrayList<>();
		for (Path file : files(folder.resolve("images"), ".jpg")) {
			String id = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
			Path labels = folder.resolve("labels").resolve(id + ".txt");
			List<ClassBox> objects = new ArrayList<>();
			if (Files.exists(labels)) {
				for (String line : Files.readAllLines(labels)) {
					String[] f = line.trim().split("\\s+");
					if (f.length == 5) {
						double w = Double.parseDouble(f[3]);
						double h = Double.parseDouble(f[4]);
						objects.add(new ClassBox(Integer.parseInt(f[0]), new BoundingBox(Double.parseDouble(f[1]) - w / 2,
								Double.parseDouble(f[2]) - h / 2, w, h), 100));
					}
				}
			}
			photos.add(new Photo(Files.readAllBytes(file), -1, objects, file.getFileName().toString(), 'A', Set.of(),
					Set.of()));
		}
		return photos;
	}

	private static List<Path> files(Path folder, String extension) throws IOException {
		if (!Files.isDirectory(folder)) {
			throw new IOException("no folder " + folder.toAbsolutePath().normalize() + " (give the eval set with --eval DIR)");
		}
		try (Stream<Path> listing = Files.list(folder)) {
			return listing.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension))
				.sorted()
				.toList();
		}
	}

	private static double millis(long nanos) {
		return nanos / 1e6;
	}

	private static String value(String[] args, int index) {
		if (index >= args.length) {
			throw new IllegalArgumentException(args[index - 1] + " needs a value");
		}
		return args[index];
	}

	record Classifier(int images, double top1, double top5) {
	}

	/** {@code classOrAncestor}: the true class or a WordNet ancestor among the labels or their parents. */
	record Imagenet(int images, double classOrAncestor, double classItself) {
	}

	/** Label recall over (image, class present) pairs; precision over judged object labels; boxes at IoU 0.5. */
	record Coco(int images, long classesPresent, double labelRecall, long objectLabels, double labelPrecision,
			int boxesAnnotated, int boxesReturned, double boxPrecision, double boxRecall) {
	}

	/** Milliseconds per image, single-threaded. */
	record Latency(int images, Stage decode, Stage detector, Stage classifier, Stage ocr, Stage properties,
			Stage merge, Stage total) {

		static Latency of(List<StageTimings> timings) {
			return new Latency(timings.size(), Stage.of(timings, StageTimings::decode),
					Stage.of(timings, StageTimings::detector), Stage.of(timings, StageTimings::classifier),
					Stage.of(timings, StageTimings::ocr), Stage.of(timings, StageTimings::properties),
					Stage.of(timings, StageTimings::merge), Stage.of(timings, StageTimings::total));
		}
	}

	record Stage(double p50, double p95) {

		static Stage of(List<StageTimings> timings, Function<StageTimings, Duration> stage) {
			ToDoubleFunction<StageTimings> ms = t -> stage.apply(t).toNanos() / 1e6;
			double[] values = timings.stream().mapToDouble(ms).toArray();
			return new Stage(LabelMetrics.percentile(values, 50), LabelMetrics.percentile(values, 95));
		}
	}

	/**
	 * Batches of all photos and of the photos without text, on {@code threads} threads; and of the photos without
	 * text with the detector also looking at 2 and at 4 tiles (measured, not shipped), and without the classifier's
	 * second look at people and animals, interleaved with them.
	 */
	record Throughput(int threads, Batch all, Batch withoutText, Batch twoTiles, Batch fourTiles, Batch withoutCrops) {
	}

	/**
	 * Marginal cost: wall time of a batch divided by its photos, all cores busy; of the fastest pass and the
	 * median one. CPU time: the process's CPU time over the batch divided by its photos (median), what a photo
	 * costs whatever else the machine runs; with the cores to itself the marginal cost comes near CPU time /
	 * threads.
	 */
	record Batch(int images, double imagesPerSecond, double marginalMs, double medianMarginalMs, double cpuMs) {

		/** @param passes wall times of the passes in {@code passes[0]}, CPU times in {@code passes[1]}, ms */
		static Batch of(int images, double[][] passes) {
			double fastest = LabelMetrics.percentile(passes[0], 0);
			return new Batch(images, images / (fastest / 1000), fastest / images,
					LabelMetrics.percentile(passes[0], 50) / images, LabelMetrics.percentile(passes[1], 50) / images);
		}
	}

	/**
	 * A rendered text image: word recall (last run; reading is deterministic), the OCR stage's time in the
	 * fastest and the median run, and the whole detection's in the fastest.
	 */
	record TextImage(String name, int width, int height, int words, double wordRecall, double ocrMs,
			double medianOcrMs, double totalMs) {
	}

	/** A floor the issue sets, and whether this run holds it. */
	record Floor(String measure, double value, String bound, boolean pass) {
	}

	/** Load averages (one minute) before and after the run tell how much the machine was shared. */
	record Report(String date, int cores, int threadsPerInference, double loadAverageBefore,
			double loadAverageAfter, String modelVersion, String eval, double loadMs, Classifier classifier,
			Imagenet imagenet, Coco coco, Latency latency, Throughput throughput, List<TextImage> text, Tuning tuning,
			Floor loadFloor, Floor top5Floor, Floor recallFloor, Floor precisionFloor, Floor marginalFloor,
			Floor ocrFloor, Floor everydayFloor) {

		static Report of(String date, int cores, int threadsPerInference, double loadAverageBefore,
				double loadAverageAfter, String modelVersion, String eval, double loadMs, Classifier classifier,
				Imagenet imagenet, Coco coco, Latency latency, Throughput throughput, List<TextImage> text,
				Tuning tuning) {
			double pageMs = text.stream().filter(t -> t.name().equals(PAGE)).findFirst().orElseThrow().ocrMs();
			double hit5 = tuning.shipped().hit5();
			return new Report(date, cores, threadsPerInference, loadAverageBefore, loadAverageAfter, modelVersion,
					eval, loadMs, classifier, imagenet, coco, latency, throughput, text, tuning,
					new Floor("model load ms", loadMs, "≤ 1 s", loadMs <= LOAD_FLOOR_MS),
					new Floor("classifier top-5", classifier.top5(), "≥ 95 %", classifier.top5() >= TOP5_FLOOR),
					new Floor("COCO label recall", coco.labelRecall(), "≥ 0.75", coco.labelRecall() >= RECALL_FLOOR),
					new Floor("COCO label precision", coco.labelPrecision(), "≥ 0.85",
							coco.labelPrecision() >= PRECISION_FLOOR),
					new Floor("marginal ms per photo without text", throughput.withoutText().marginalMs(), "≤ 40 ms",
							throughput.withoutText().marginalMs() <= MARGINAL_FLOOR_MS),
					new Floor("OCR ms, page", pageMs, "≤ 300 ms", pageMs <= OCR_PAGE_FLOOR_MS),
					new Floor("everyday hit@5", hit5, "≥ 80 %", hit5 >= EVERYDAY_HIT5_FLOOR));
		}

		boolean holdsAllFloors() {
			return Stream.of(loadFloor, top5Floor, recallFloor, precisionFloor, marginalFloor, ocrFloor, everydayFloor)
				.allMatch(Floor::pass);
		}

		List<String> everydayFirstFive() {
			return tuning.everydayFirstFive();
		}

		String markdown() {
			StringBuilder md = new StringBuilder();
			md.append("# Tasklens label benchmark\n\n");
			md.append(String.format(Locale.ROOT, "%s · %d cores, %d ONNX Runtime thread(s) per inference · "
					+ "load average %.2f before, %.2f after · %s · eval %s%n%n", date, cores, threadsPerInference,
					loadAverageBefore, loadAverageAfter, modelVersion, eval));
			md.append("| Measure | Value | Floor | |\n|---|---:|---|---|\n");
			row(md, "Model load (`open` + `load`)", ms(loadMs), loadFloor);
			row(md, "Classifier top-1 (" + classifier.images() + " ImageNet photos)", pct(classifier.top1()), null);
			row(md, "Classifier top-5", pct(classifier.top5()), top5Floor);
			row(md, "ImageNet: true class or a WordNet ancestor among labels or parents",
					pct(imagenet.classOrAncestor()), null);
			row(md, "ImageNet: true class itself among labels", pct(imagenet.classItself()), null);
			row(md, "COCO image-level label recall (" + coco.classesPresent() + " classes present in " + coco.images()
					+ " photos)", num(coco.labelRecall()), recallFloor);
			row(md, "COCO image-level label precision (" + coco.objectLabels() + " object labels judged)",
					num(coco.labelPrecision()), precisionFloor);
			row(md, "Detector box precision, IoU ≥ 0.5 (" + coco.boxesReturned() + " boxes returned)",
					num(coco.boxPrecision()), null);
			row(md, "Detector box recall, IoU ≥ 0.5 (" + coco.boxesAnnotated() + " boxes annotated)",
					num(coco.boxRecall()), null);
			Batch all = throughput.all();
			Batch plain = throughput.withoutText();
			row(md, "Throughput, " + throughput.threads() + " threads, " + all.images() + " photos (fastest of "
					+ BATCH_PASSES + " passes)", String.format(Locale.ROOT, "%.1f images/s", all.imagesPerSecond()), null);
			row(md, "Marginal cost per photo in a batch, all photos (fastest; median)",
					ms(all.marginalMs()) + "; " + ms(all.medianMarginalMs()), null);
			row(md, "Marginal cost per photo in a batch, " + plain.images() + " photos without text (fastest; median)",
					ms(plain.marginalMs()) + "; " + ms(plain.medianMarginalMs()), marginalFloor);
			row(md, "CPU time per photo in a batch, all photos; without text",
					ms(all.cpuMs()) + "; " + ms(plain.cpuMs()), null);
			for (Batch tiles : List.of(throughput.twoTiles(), throughput.fourTiles())) {
				row(md, "Marginal cost without text, detector also on " + (tiles == throughput.twoTiles() ? 2 : 4)
						+ " tiles (fastest; median; ratio to shipped, fastest and CPU time)",
						ms(tiles.marginalMs()) + "; " + ms(tiles.medianMarginalMs()) + "; "
								+ String.format(Locale.ROOT, "%.2f, %.2f", tiles.marginalMs() / plain.marginalMs(),
										tiles.cpuMs() / plain.cpuMs()), null);
			}
			Batch noCrops = throughput.withoutCrops();
			row(md, "Marginal cost without text and without the crop check (fastest; median; shipped ÷ this, fastest and CPU time)",
					ms(noCrops.marginalMs()) + "; " + ms(noCrops.medianMarginalMs()) + "; "
							+ String.format(Locale.ROOT, "%.2f, %.2f", plain.marginalMs() / noCrops.marginalMs(),
									plain.cpuMs() / noCrops.cpuMs()), null);
			for (TextImage image : text) {
				row(md, String.format(Locale.ROOT, "OCR word recall, rendered %s %d×%d (%d words)", image.name(),
						image.width(), image.height(), image.words()), num(image.wordRecall()), null);
			}
			for (TextImage image : text) {
				row(md, String.format(Locale.ROOT, "OCR time, %s, %d runs (fastest; median; whole detection %.0f ms)",
						image.name(), OCR_RUNS, image.totalMs()), ms(image.ocrMs()) + "; " + ms(image.medianOcrMs()),
						image.name().equals(PAGE) ? ocrFloor : null);
			}
			md.append(tuning.markdown(everydayFloor));
			md.append(String.format(Locale.ROOT, "%nLatency per photo, one thread, %d photos (ms)%n%n", latency.images()));
			md.append("| Stage | p50 | p95 |\n|---|---:|---:|\n");
			stage(md, "decode", latency.decode());
			stage(md, "detector", latency.detector());
			stage(md, "classifier", latency.classifier());
			stage(md, "OCR", latency.ocr());
			stage(md, "properties", latency.properties());
			stage(md, "merge", latency.merge());
			stage(md, "total", latency.total());
			return md.toString();
		}

		static void row(StringBuilder md, String measure, String value, Floor floor) {
			md.append("| ").append(measure).append(" | ").append(value).append(" | ");
			md.append(floor == null ? " | " : floor.bound() + " | " + (floor.pass() ? "✓ pass" : "✗ FAIL"));
			md.append(" |\n");
		}

		private static void stage(StringBuilder md, String name, Stage stage) {
			md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f |%n", name, stage.p50(), stage.p95()));
		}

		private static String ms(double value) {
			return String.format(Locale.ROOT, "%.0f ms", value);
		}

		static String pct(double value) {
			return String.format(Locale.ROOT, "%.1f %%", value * 100);
		}

		static String num(double value) {
			return String.format(Locale.ROOT, "%.3f", value);
		}
	}
}
