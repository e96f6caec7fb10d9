/** Amazon Rekognition as the {@code LabelDetector} ({@code tasklens.labeling.detector=rekognition}). */
package app.tasklens.adapter.rekognition;
