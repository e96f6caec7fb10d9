package app.tasklens.vision;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.tasklens.labeling.LabelDetector;

/** The on-box detector as the server's {@link LabelDetector}; its sessions close with the context. */
@Configuration(proxyBeanMethods = false)
class VisionConfiguration {

	@Bean(destroyMethod = "close")
	LabelDetector labelDetector(VisionSettings settings) {
		return OnnxLabelDetector.open(settings);
	}
}
