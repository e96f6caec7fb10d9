package app.tasklens.adapter.s3;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** The bucket as the object store, when {@code tasklens.objects.s3.bucket} names one. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${tasklens.objects.s3.bucket:}'.isBlank()")
class S3ObjectStoreConfiguration {

	@Bean(destroyMethod = "close")
	S3ObjectStore objectStore(S3Settings settings) {
		return S3ObjectStore.connect(settings, DefaultCredentialsProvider.builder().build());
	}
}
