package app.tasklens.web.rekognition;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Rekognition-compatible endpoint's limits.
 *
 * @param requestsPerSecond DetectLabels and DetectText calls one access key may make per second, on
 *        average (as many may come at once); more are answered {@code ThrottlingException}. 50 is
 *        Rekognition's own default quota for DetectLabels in its larger regions.
 */
@ConfigurationProperties("tasklens.rekognition-endpoint")
record RekognitionEndpointSettings(@DefaultValue("50") int requestsPerSecond) {

	RekognitionEndpointSettings {
		if (requestsPerSecond < 1) {
			throw new IllegalArgumentException("tasklens.rekognition-endpoint.requests-per-second must be at least 1");
		}
	}
}
