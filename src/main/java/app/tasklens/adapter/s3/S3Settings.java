package app.tasklens.adapter.s3;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The S3-compatible object store, selected by naming a bucket; without one, images are files in the data
 * folder. Credentials come from the AWS SDK's default chain ({@code AWS_ACCESS_KEY_ID} and
 * {@code AWS_SECRET_ACCESS_KEY}, a profile, or the role of an instance or function), never from here.
 *
 * @param bucket {@code TASKLENS_OBJECTS_S3_BUCKET}
 * @param endpoint {@code TASKLENS_OBJECTS_S3_ENDPOINT}: the server of another S3-compatible store
 *        ({@code https://minio.example.com:9000}); empty for AWS
 * @param region {@code TASKLENS_OBJECTS_S3_REGION}; part of every signature, also for stores that have none
 * @param pathStyle {@code TASKLENS_OBJECTS_S3_PATH_STYLE}: {@code https://host/bucket/key} instead of
 *        {@code https://bucket.host/key}, which most self-hosted stores need
 */
@ConfigurationProperties("tasklens.objects.s3")
record S3Settings(
		String bucket,
		String endpoint,
		@DefaultValue("us-east-1") String region,
		@DefaultValue("false") boolean pathStyle) {

	/** The endpoint to use instead of AWS's, or {@code null}. */
	URI endpointUri() {
		return endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.strip());
	}
}
