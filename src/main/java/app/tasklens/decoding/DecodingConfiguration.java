package app.tasklens.decoding;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The server's one decoding budget, shared by labeling, thumbnails and the label-now endpoints. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DecodingSettings.class)
class DecodingConfiguration {

	@Bean
	DecodeBudget decodeBudget(DecodingSettings settings) {
		return new DecodeBudget(settings.bytes());
	}
}
