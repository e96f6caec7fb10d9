package app.tasklens.vision;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.tasklens.decoding.DecodeBudget;

/**
 * The on-box detector as the app's {@code LabelDetector}, unless {@code tasklens.labeling.detector} names
 * another ({@code rekognition}, whose deployment carries no ONNX Runtime).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tasklens.labeling.detector", havingValue = "onbox", matchIfMissing = true)
class VisionConfiguration {

	@Bean(destroyMethod = "close")
	OnnxLabelDetector labelDetector(VisionSettings settings, DecodeBudget budget) {
		return OnnxLabelDetector.open(settings, budget);
	}
}
