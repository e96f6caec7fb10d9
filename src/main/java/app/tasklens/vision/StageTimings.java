package app.tasklens.vision;

import java.time.Duration;

/**
 * Where the time of one detection went, for the benchmark. {@code detector} covers both passes of
 * YOLOX with their pre- and post-processing; {@code ocr} is zero when text was not asked for;
 * {@code properties} is quality and colours; {@code merge} is the label merge.
 */
public record StageTimings(Duration decode, Duration detector, Duration classifier, Duration ocr,
		Duration properties, Duration merge) {

	public Duration total() {
		return decode.plus(detector).plus(classifier).plus(ocr).plus(properties).plus(merge);
	}
}
