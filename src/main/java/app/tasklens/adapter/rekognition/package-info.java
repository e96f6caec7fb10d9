/**
 * Amazon Rekognition as the {@code LabelDetector} ({@code tasklens.labeling.detector=rekognition}), and the
 * DetectLabels load that {@code bench-rekognition} puts on a Rekognition-API endpoint.
 */
package app.tasklens.adapter.rekognition;
