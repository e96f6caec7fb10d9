package app.tasklens.adapter.rekognition;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.RekognitionClientBuilder;

/** Rekognition instead of the on-box models, selected by {@code tasklens.labeling.detector=rekognition}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tasklens.labeling.detector", havingValue = "rekognition")
class RekognitionConfiguration {

	@Bean(destroyMethod = "close")
	RekognitionClient rekognitionClient(RekognitionSettings settings) {
		RekognitionClientBuilder builder = RekognitionClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
		if (settings.endpoint() != null) {
			builder.endpointOverride(settings.endpoint());
		}
		if (settings.region() != null && !settings.region().isBlank()) {
			builder.region(Region.of(settings.region()));
		}
		return builder.build();
	}

	/** The bucket is the S3 store's unless given: the images Rekognition reads are the uploads. */
	@Bean
	RekognitionLabelDetector labelDetector(RekognitionClient client, RekognitionSettings settings,
			@Value("${tasklens.objects.s3.bucket:}") String storeBucket) {
		String bucket = settings.bucket() == null || settings.bucket().isBlank() ? storeBucket : settings.bucket();
		return new RekognitionLabelDetector(client, bucket == null || bucket.isBlank() ? null : bucket);
	}
}
