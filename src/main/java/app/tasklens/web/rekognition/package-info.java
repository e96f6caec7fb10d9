/**
 * The Rekognition-compatible endpoint: DetectLabels and DetectText over AWS JSON 1.1, signed with access
 * keys (AWS Signature Version 4 as a server checks it).
 */
package app.tasklens.web.rekognition;
