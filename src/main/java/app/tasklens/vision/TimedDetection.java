package app.tasklens.vision;

import app.tasklens.labeling.LabelDetection;

/** A detection and the time each stage took. */
public record TimedDetection(LabelDetection detection, StageTimings timings) {
}
