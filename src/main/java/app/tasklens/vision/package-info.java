/**
 * The on-box label detector: ONNX Runtime sessions for YOLOX-Nano, MobileNetV2 and PP-OCRv4, image
 * decoding, the WordNet label hierarchy, and the merge into one Rekognition-style answer.
 */
package app.tasklens.vision;
