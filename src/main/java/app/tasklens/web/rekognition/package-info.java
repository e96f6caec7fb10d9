/** The Rekognition-compatible endpoint's protocol parts: AWS Signature Version 4 as a server checks it. */
package app.tasklens.web.rekognition;
