package app.tasklens.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

import app.tasklens.cli.LabelMetrics.PhotoScore;
import app.tasklens.cli.LabelMetrics.Ratio;
import app.tasklens.labeling.DetectOptions;
import app.tasklens.labeling.Label;
import app.tasklens.vision.ClassifierView;
import app.tasklens.vision.LabelTuning;
import app.tasklens.vision.LabelTuning.CropLook;
import app.tasklens.vision.OnnxLabelDetector;
import app.tasklens.vision.OnnxLabelDetector.Evidence;

/**
 * The part of {@code bench-labels} that compares and fits {@link LabelTuning}s: the models run once per photo
 * ({@link OnnxLabelDetector#evidence}, every classifier view), and each tuning only re-merges, which takes a
 * fraction of a millisecond. Measures what each classifier view buys, fits the detector's odds on one half of
 * the COCO photos and the classifier's temperature on one half of the everyday photos and reports them on the
 * other half, both ways, and tabulates reliability (confidence bin → share of labels that are right).
 */
final class TuningLab {

	/** Fitted odds put MinConfidence 55 where image-level precision on the fitting half reaches this. */
	static final double PRECISION_TARGET = 0.87;

	/**
	 * The odds grid: steps of 5 % through 1, down to about 0.48 (a detector that looks at tiles finds more boxes,
	 * and its fit may need odds below 1).
	 */
	static final double LOWEST_ODDS = 1.0 / Math.pow(1.05, 15);

	static final double[] TEMPERATURES = { 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0 };

	/** Confidence bins of the reliability table, lower bounds, 0–100. */
	static final double[] BINS = { 55, 70, 80, 90, 95 };

	private final OnnxLabelDetector detector;
	private final LabelMetrics metrics;
	private final DetectOptions options;
	private final List<Truth> imagenet;
	private final List<Truth> coco;
	private final List<Truth> everyday;

	/** A photo's evidence and its truth: an ImageNet class, COCO classes present, or accepted and wrong names. */
	record Truth(Evidence evidence, int imagenetClass, Set<Integer> present, char half, Set<String> accepted,
			Set<String> wrong) {
	}

	TuningLab(OnnxLabelDetector detector, LabelMetrics metrics, DetectOptions options, List<Truth> imagenet,
			List<Truth> coco, List<Truth> everyday) {
		this.detector = detector;
		this.metrics = metrics;
		this.options = options;
		this.imagenet = imagenet;
		this.coco = coco;
		this.everyday = everyday;
	}

	/** The figures of one tuning; {@code photos} is how many everyday photos they were taken on. */
	record Quality(String tuning, double top1, double top5, double cocoRecall, double cocoPrecision, int photos,
			double hit1, double hit5, double noLabel, int wrongAt90, int photosWrongAt90, int namedWrongInFive) {
	}

	/** All figures of {@code tuning}, on the COCO and everyday photos that {@code pick} takes (by index). */
	Quality quality(String name, LabelTuning tuning, IntPredicate cocoPick, IntPredicate everydayPick) {
		Ratio top1 = Ratio.NONE;
		Ratio top5 = Ratio.NONE;
		for (Truth photo : imagenet) {
			int[] top = photo.evidence().topImagenetClasses(tuning, 5);
			top1 = top1.plus(Ratio.of(top[0] == photo.imagenetClass()));
			top5 = top5.plus(Ratio.of(Arrays.stream(top).anyMatch(c -> c == photo.imagenetClass())));
		}
		Ratio recall = Ratio.NONE;
		Ratio precision = Ratio.NONE;
		for (int i = 0; i < coco.size(); i++) {
			if (cocoPick.test(i)) {
				List<Label> labels = detector.labels(coco.get(i).evidence(), tuning, options);
				recall = recall.plus(metrics.labelRecall(coco.get(i).present(), labels));
				precision = precision.plus(metrics.labelPrecision(coco.get(i).present(), labels));
			}
		}
		int photos = 0;
		int hit1 = 0;
		int hit5 = 0;
		int none = 0;
		int wrong = 0;
		int photosWrong = 0;
		int named = 0;
		for (int i = 0; i < everyday.size(); i++) {
			if (everydayPick.test(i)) {
				Truth photo = everyday.get(i);
				PhotoScore score = metrics.scorePhoto(detector.labels(photo.evidence(), tuning, options), photo.accepted(),
						photo.wrong());
				photos++;
				hit1 += score.hit1() ? 1 : 0;
				hit5 += score.hit5() ? 1 : 0;
				none += score.none() ? 1 : 0;
				wrong += score.wrongAt90();
				photosWrong += score.wrongAt90() > 0 ? 1 : 0;
				named += score.namedWrongInFive();
			}
		}
		return new Quality(name, top1.value(), top5.value(), recall.value(), precision.value(), photos,
				(double) hit1 / photos, (double) hit5 / photos, (double) none / photos, wrong, photosWrong, named);
	}

	Quality quality(String name, LabelTuning tuning) {
		return quality(name, tuning, i -> true, i -> true);
	}

	/** The shipped tuning with each set of classifier views, cheapest first. */
	List<Quality> views() {
		List<Set<ClassifierView>> sets = List.of(EnumSet.of(ClassifierView.CENTER),
				EnumSet.of(ClassifierView.CENTER, ClassifierView.FLIP), EnumSet.of(ClassifierView.CENTER, ClassifierView.WHOLE),
				EnumSet.of(ClassifierView.CENTER, ClassifierView.SIDES),
				EnumSet.of(ClassifierView.CENTER, ClassifierView.FLIP, ClassifierView.WHOLE),
				EnumSet.of(ClassifierView.CENTER, ClassifierView.WHOLE, ClassifierView.SIDES),
				EnumSet.allOf(ClassifierView.class));
		List<Quality> rows = new ArrayList<>();
		for (Set<ClassifierView> views : sets) {
			rows.add(quality(views.stream().map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" + ")),
					LabelTuning.DEFAULT.withViews(views)));
		}
		rows.add(quality("shipped, without the small-object rule", LabelTuning.DEFAULT.withSmallObject(0)));
		rows.add(quality("shipped, small objects under 1 %", LabelTuning.DEFAULT.withSmallObject(0.01)));
		return rows;
	}

	/** One fit: the value fitted on one half, and the figures it gives on the other half. */
	record Fit(String parameter, char fittedOn, double value, Quality reported) {
	}

	/**
	 * Detector odds fitted on each half of the COCO photos (the smallest odds whose image-level precision at the
	 * default MinConfidence reaches {@link #PRECISION_TARGET}, i.e. the most recall at that precision) and
	 * reported on the other half; the same for the classifier temperature on the everyday photos (the one with the
	 * fewest wrong labels at ≥ 90 among those that keep the most hits in the first five).
	 */
	List<Fit> crossValidate() {
		List<Fit> fits = new ArrayList<>();
		for (char half : new char[] { 'A', 'B' }) {
			IntPredicate fitOn = i -> (i % 2 == 0) == (half == 'A');
			IntPredicate reportOn = fitOn.negate();
			double odds = fitOdds(fitOn);
			fits.add(new Fit("detector odds", half, odds,
					quality("odds " + round(odds), LabelTuning.DEFAULT.withDetectorOdds(odds), reportOn, i -> false)));
		}
		for (char half : new char[] { 'A', 'B' }) {
			IntPredicate fitOn = i -> everyday.get(i).half() == half;
			double temperature = fitTemperature(fitOn);
			fits.add(new Fit("classifier temperature", half, temperature,
					quality("temperature " + temperature, LabelTuning.DEFAULT.withTemperature(temperature), i -> false,
							fitOn.negate())));
		}
		return fits;
	}

	/**
	 * A way of merging, judged as the detector odds are: odds fitted on COCO half A with this method and
	 * reported on B, fitted on B and reported on A, and the method at its own odds on all photos.
	 */
	record Method(String name, double oddsA, Quality onB, double oddsB, Quality onA, Quality all) {
	}

	/** The candidate methods beside the shipped one, each cross-validated both ways ({@link Method}). */
	List<Method> methods() {
		List<Method> rows = new ArrayList<>();
		LabelTuning shipped = LabelTuning.DEFAULT;
		Object[][] candidates = { { "shipped", shipped }, { "agreement 0.5", shipped.withAgreement(0.5) },
				{ "agreement 1", shipped.withAgreement(1) }, { "unconfirmed 0.5", shipped.withUnconfirmed(0.5) },
				{ "unconfirmed 1", shipped.withUnconfirmed(1) },
				{ "agreement 1, unconfirmed 0.5", shipped.withAgreement(1).withUnconfirmed(0.5) },
				{ "contradicted from 10 %", shipped.withContradicted(0.1) },
				{ "2 tiles, weight 0.35", shipped.withTiles(2, 0.35, 1) },
				{ "2 tiles, weight 0.5, boxes under 5 %", shipped.withTiles(2, 0.5, 0.05) },
				{ "4 tiles, weight 0.35", shipped.withTiles(4, 0.35, 1) },
				{ "4 tiles, weight 0.5, boxes under 5 %", shipped.withTiles(4, 0.5, 0.05) },
				{ "4 tiles, weight 0.35, boxes under 5 %", shipped.withTiles(4, 0.35, 0.05) },
				{ "unconfirmed 0.4", shipped.withUnconfirmed(0.4) },
				{ "unconfirmed 0.5, contradicted from 10 %", shipped.withUnconfirmed(0.5).withContradicted(0.1) },
				{ "without the crop check", shipped.withCrops(CropLook.NONE) },
				{ "crop check on 3 boxes", shipped.withCrops(new CropLook(3, 0.1, 0.7)) },
				{ "crop check, contradicted odds × 0.3", shipped.withCrops(new CropLook(6, 0.3, 0.7)) },
				{ "crop check, sure from 50 %", shipped.withCrops(new CropLook(6, 0.1, 0.5)) },
				{ "crop check, sure from 90 %", shipped.withCrops(new CropLook(6, 0.1, 0.9)) },
				{ "detector without its mirror pass", shipped.withMirror(false) },
				{ "a box one pass found keeps 0.25", shipped.withUnpaired(0.25) },
				{ "a box one pass found keeps 0.1", shipped.withUnpaired(0.1) },
				{ "a box one pass found keeps 0.1, odds 4.54", shipped.withUnpaired(0.1).withDetectorOdds(Math.pow(1.05, 31)) },
				{ "a box one pass found keeps nothing", shipped.withUnpaired(0) } };
		for (Object[] candidate : candidates) {
			String name = (String) candidate[0];
			LabelTuning tuning = (LabelTuning) candidate[1];
			IntPredicate a = i -> i % 2 == 0;
			IntPredicate b = a.negate();
			double oddsA = fitOdds(tuning, a);
			double oddsB = fitOdds(tuning, b);
			rows.add(new Method(name, oddsA, quality(name, tuning.withDetectorOdds(oddsA), b, i -> false), oddsB,
					quality(name, tuning.withDetectorOdds(oddsB), a, i -> false), quality(name, tuning)));
		}
		return rows;
	}

	private double fitOdds(IntPredicate fitOn) {
		return fitOdds(LabelTuning.DEFAULT, fitOn);
	}

	private double fitOdds(LabelTuning base, IntPredicate fitOn) {
		double best = Double.NaN;
		for (double odds = LOWEST_ODDS; odds <= 16; odds *= 1.05) {
			Quality q = quality("", base.withDetectorOdds(odds), fitOn, i -> false);
			if (q.cocoPrecision() >= PRECISION_TARGET) {
				best = odds;
			}
		}
		return Double.isNaN(best) ? LOWEST_ODDS : best;
	}

	private double fitTemperature(IntPredicate fitOn) {
		double best = 1;
		double bestHit5 = -1;
		int bestWrong = Integer.MAX_VALUE;
		for (double t : TEMPERATURES) {
			Quality q = quality("", LabelTuning.DEFAULT.withTemperature(t), i -> false, fitOn);
			if (q.hit5() > bestHit5 + 1e-9 || (Math.abs(q.hit5() - bestHit5) < 1e-9 && q.wrongAt90() < bestWrong)) {
				best = t;
				bestHit5 = q.hit5();
				bestWrong = q.wrongAt90();
			}
		}
		return best;
	}

	/** One bin of the reliability table: labels with confidence in [from, to), and the share that are right. */
	record Bin(String set, double from, double to, int labels, double right) {
	}

	/**
	 * Reliability of the shipped tuning: COCO object labels (as precision judges them) and everyday labels
	 * (accepted or not), per confidence bin.
	 */
	List<Bin> reliability() {
		List<Bin> bins = new ArrayList<>();
		int[][] coco = new int[BINS.length][2];
		for (Truth photo : this.coco) {
			for (Label label : detector.labels(photo.evidence(), LabelTuning.DEFAULT, options)) {
				Optional<Boolean> right = metrics.objectLabelRight(photo.present(), label);
				right.ifPresent(r -> count(coco, label.confidence(), r));
			}
		}
		int[][] everyday = new int[BINS.length][2];
		for (Truth photo : this.everyday) {
			for (Label label : detector.labels(photo.evidence(), LabelTuning.DEFAULT, options)) {
				count(everyday, label.confidence(), metrics.accepted(label, photo.accepted()));
			}
		}
		for (int b = 0; b < BINS.length; b++) {
			double to = b + 1 < BINS.length ? BINS[b + 1] : 100.01;
			bins.add(new Bin("COCO object labels", BINS[b], to, coco[b][0], (double) coco[b][1] / coco[b][0]));
		}
		for (int b = 0; b < BINS.length; b++) {
			double to = b + 1 < BINS.length ? BINS[b + 1] : 100.01;
			bins.add(new Bin("everyday labels", BINS[b], to, everyday[b][0], (double) everyday[b][1] / everyday[b][0]));
		}
		return bins;
	}

	/** Each everyday photo's first five labels under the shipped tuning, for reading what went wrong. */
	List<String> everydayFirstFive(List<String> names) {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < everyday.size(); i++) {
			Truth photo = everyday.get(i);
			List<Label> labels = detector.labels(photo.evidence(), LabelTuning.DEFAULT, options);
			Set<String> five = new LinkedHashSet<>();
			for (Label label : labels.subList(0, Math.min(5, labels.size()))) {
				five.add((metrics.accepted(label, photo.accepted()) ? "" : "✗") + label.name() + " "
						+ Math.round(label.confidence()));
			}
			lines.add(names.get(i) + ": " + String.join(", ", five));
		}
		return lines;
	}

	/**
	 * Each COCO photo's misses under the shipped tuning: the classes present that no label names (with the
	 * confidence the merge gave them below MinConfidence, or "–" when nothing saw them) and the object labels
	 * that are wrong, for reading what a method would have to fix.
	 */
	List<String> cocoMisses(List<String> names) {
		List<String> lines = new ArrayList<>();
		DetectOptions everything = options.withMinConfidence(0).withMaxLabels(1000);
		for (int i = 0; i < coco.size(); i++) {
			Truth photo = coco.get(i);
			List<Label> shown = detector.labels(photo.evidence(), LabelTuning.DEFAULT, options);
			List<Label> all = detector.labels(photo.evidence(), LabelTuning.DEFAULT, everything);
			List<String> missed = new ArrayList<>();
			for (int c : photo.present()) {
				if (!metrics.labelRecall(Set.of(c), shown).equals(LabelMetrics.Ratio.of(true))) {
					String name = metrics.cocoName(c);
					double below = all.stream().filter(l -> l.name().equals(name)).mapToDouble(Label::confidence).max().orElse(-1);
					missed.add(name + " " + (below < 0 ? "–" : String.valueOf(Math.round(below))));
				}
			}
			List<String> wrong = shown.stream()
				.filter(l -> metrics.objectLabelRight(photo.present(), l).map(r -> !r).orElse(false))
				.map(l -> l.name() + " " + Math.round(l.confidence()))
				.toList();
			if (!missed.isEmpty() || !wrong.isEmpty()) {
				lines.add(names.get(i) + " (" + (i % 2 == 0 ? 'A' : 'B') + "): missed " + String.join(", ", missed)
						+ "; wrong " + String.join(", ", wrong));
			}
		}
		return lines;
	}

	private static void count(int[][] bins, double confidence, boolean right) {
		for (int b = BINS.length - 1; b >= 0; b--) {
			if (confidence >= BINS[b]) {
				bins[b][0]++;
				bins[b][1] += right ? 1 : 0;
				return;
			}
		}
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}
}
