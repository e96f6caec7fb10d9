/**
 * Labeling: what was found in an image ({@link app.tasklens.labeling.LabelDetection}), the port that finds
 * it ({@link app.tasklens.labeling.LabelDetector}) and the one use case, {@code LabelImage}, that a worker
 * here or a Lambda elsewhere calls.
 */
package app.tasklens.labeling;
