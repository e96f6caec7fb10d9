package app.tasklens.vision;

import java.util.EnumSet;
import java.util.Set;

/**
 * The labeler's few fitted numbers, in one place so that {@code bench-labels} can fit them on one half of the
 * evaluation images and report them on the other.
 *
 * @param views what the classifier looks at; its probabilities are averaged over all looks
 * @param detectorOdds a detector image-level score becomes a confidence by multiplying its odds by this
 * @param temperature the classifier's logits are divided by this before the softmax (above 1 softens)
 * @param unconfirmed factor on the probability of an ImageNet class that the detector also knows (a dog breed,
 *        a car model) when the detector found no trace of it
 * @param smallObject a detector object whose boxes are all smaller than this share of the image, and which the
 *        classifier does not back, ranks no higher than the classifier's own strongest label
 * @param contradicted a detector object the classifier knows, does not back and contradicts (it is sure of
 *        something else) gets the unconfirmed odds when its largest box covers at least this share of the image
 * @param agreement how the detector's and the classifier's confidence in one COCO object combine: 0 takes the
 *        stronger, 1 takes them as independent witnesses (noisy-OR), in between weighs the classifier's part
 * @param tiles the detector also looks at a grid of this many overlapping tiles (0: none, 2: two along the long
 *        side, 4: 2 × 2), one inference each
 * @param tileWeight factor on the scores of boxes found on tiles
 * @param tileMaxArea boxes found on tiles count only under this share of the image
 * @param crops the classifier's second look at the detector's people and animals ({@link CropLook#NONE}: none)
 * @param mirror the detector also looks at the mirror image, and the two answers are fused ({@link BoxFusion})
 * @param unpaired the share of its score a box keeps that only one of the two passes found
 */
public record LabelTuning(Set<ClassifierView> views, double detectorOdds, double temperature, double unconfirmed,
		double smallObject, double contradicted, double agreement, int tiles, double tileWeight, double tileMaxArea,
		CropLook crops, boolean mirror, double unpaired) {

	public LabelTuning {
		views = Set.copyOf(views);
		if (views.isEmpty() || detectorOdds <= 0 || temperature <= 0 || unconfirmed < 0 || unconfirmed > 1
				|| contradicted < 0 || agreement < 0 || agreement > 1 || (tiles != 0 && tiles != 2 && tiles != 4)
				|| tileWeight < 0 || tileWeight > 1 || crops == null || unpaired < 0 || unpaired > 1) {
			throw new IllegalArgumentException("bad label tuning " + views + " " + detectorOdds + " " + temperature
					+ " " + unconfirmed + " " + contradicted + " " + agreement + " unpaired " + unpaired);
		}
	}

	/**
	 * The shipped values. Detector odds: MinConfidence 55 falls at score 0.25, where image-level precision on
	 * COCO reaches 0.85 (fitted on each half of the COCO images, reported on the other, in
	 * {@code bench-labels}). Mirror: the detector's two passes are fused, and a box only one of them found keeps
	 * half its score ({@link BoxFusion#UNPAIRED}); without the mirror both COCO halves lose recall. Temperature 1:
	 * softmax probabilities of this model are calibrated on ImageNet photos. Unconfirmed 0.3: a classifier that names a detector-known object the detector cannot see is
	 * usually fooled by texture (a sheep read as a Schipperke). Crops: the classifier looks at up to 6 people
	 * and animals alone, and an animal it is sure of (70 % of the crop on one family) that is not the box's
	 * class divides the class's odds by 10 (a camel is not a sheep).
	 */
	public static final LabelTuning DEFAULT = new LabelTuning(
			EnumSet.of(ClassifierView.CENTER, ClassifierView.FLIP, ClassifierView.WHOLE), (0.55 / 0.45) / (0.25 / 0.75),
			1.0, 0.3, 0.02, 0.25, 0, 0, 1, 1, new CropLook(CropCheck.CANDIDATES, 0.1, 0.7), true, BoxFusion.UNPAIRED);

	public LabelTuning withViews(Set<ClassifierView> value) {
		return new LabelTuning(value, detectorOdds, temperature, unconfirmed, smallObject, contradicted, agreement, tiles, tileWeight, tileMaxArea, crops, mirror, unpaired);
	}

	public LabelTuning withDetectorOdds(double value) {
		return new LabelTuning(views, value, temperature, unconfirmed, smallObject, contradicted, agreement, tiles, tileWeight, tileMaxArea, crops, mirror, unpaired);
	}

	public LabelTuning withTemperature(double value) {
		return new LabelTuning(views, detectorOdds, value, unconfirmed, smallObject, contradicted, agreement, tiles, tileWeight, tileMaxArea, crops, mirror, unpaired);
	}

	public LabelTuning withUnconfirmed(double value) {
		return new LabelTuning(views, detectorOdds, temperature, value, smallObject, contradicted, agreement, tiles, tileWeight, tileMaxArea, crops, mirror, unpaired);
	}

	public LabelTuning withSmallObject(double value) {
		return new LabelTuning(views, detectorOdds, temperature, unconfirmed, value, contradicted, agreement, tiles, tileWeight, tileMaxArea, crops, mirror, unpaired);
	}

	public LabelTuning withContradicted(double value) {
		return new LabelTuning(views, detectorOdds, temperature, unconfirmed, smallObject, value, agreement, tiles, tileWeight, tileMaxArea, crops, mirror, unpaired);
	}

	public LabelTuning withAgreement(double value) {
		return new LabelTuning(views, detectorOdds, temperature, unconfirmed, smallObject, contradicted, value, tiles, tileWeight, tileMaxArea, crops, mirror, unpaired);
	}

	public LabelTuning withTiles(int value, double weight, double maxArea) {
		return new LabelTuning(views, detectorOdds, temperature, unconfirmed, smallObject, contradicted, agreement, value,
				weight, maxArea, crops, mirror, unpaired);
	}

	public LabelTuning withCrops(CropLook value) {
		return new LabelTuning(views, detectorOdds, temperature, unconfirmed, smallObject, contradicted, agreement, tiles,
				tileWeight, tileMaxArea, value, mirror, unpaired);
	}

	public LabelTuning withMirror(boolean value) {
		return new LabelTuning(views, detectorOdds, temperature, unconfirmed, smallObject, contradicted, agreement, tiles,
				tileWeight, tileMaxArea, crops, value, unpaired);
	}

	public LabelTuning withUnpaired(double value) {
		return new LabelTuning(views, detectorOdds, temperature, unconfirmed, smallObject, contradicted, agreement, tiles,
				tileWeight, tileMaxArea, crops, mirror, value);
	}

	/**
	 * The classifier's second look at the detector's people and animals ({@link CropCheck}): at most {@code boxes}
	 * boxes a photo are cropped and classified alone; a class the crop contradicts (the classifier sure, with
	 * {@code sure} of the mass on one family, of another animal) has its boxes' odds times {@code contradict}.
	 */
	public record CropLook(int boxes, double contradict, double sure) {

		/** No second look. */
		public static final CropLook NONE = new CropLook(0, 1, 1);

		public CropLook {
			if (boxes < 0 || boxes > CropCheck.CANDIDATES || !(contradict > 0 && contradict <= 1) || !(sure > 0 && sure <= 1)) {
				throw new IllegalArgumentException("bad crop look: " + boxes + " boxes, contradict " + contradict + ", sure " + sure);
			}
		}
	}
}
