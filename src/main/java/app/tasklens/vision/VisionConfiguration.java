package app.tasklens.vision;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.tasklens.decoding.DecodeBudget;

/** The on-box detector as the app's {@code LabelDetector}. */
@Configuration(proxyBeanMethods = false)
class VisionConfiguration {

	@Bean(destroyMethod = "close")
	OnnxLabelDetector labelDetector(VisionSettings settings, DecodeBudget budget) {
		return OnnxLabelDetector.open(settings, budget);
	}
}
