package app.tasklens.adapter.rekognition;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Rekognition detector.
 *
 * @param endpoint another Rekognition-API server (Tasklens's own, tests); empty for AWS
 * @param region the AWS region; empty for the SDK's default chain ({@code AWS_REGION} on Lambda)
 * @param bucket the bucket that holds the uploads, which Rekognition reads them from; empty when images are
 *        stored elsewhere (they are then sent as bytes, at most 5 MB)
 */
@ConfigurationProperties("tasklens.rekognition")
record RekognitionSettings(URI endpoint, String region, String bucket) {
}
