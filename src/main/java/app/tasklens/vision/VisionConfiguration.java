package app.tasklens.vision;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.tasklens.decoding.DecodeBudget;
import app.tasklens.labeling.DetectorUnavailableException;

/** The on-box detector as the app's {@code LabelDetector}. */
@Configuration(proxyBeanMethods = false)
class VisionConfiguration {

	private static final Logger log = LoggerFactory.getLogger(VisionConfiguration.class);

	@Bean(destroyMethod = "close")
	OnnxLabelDetector labelDetector(VisionSettings settings, DecodeBudget budget) {
		return OnnxLabelDetector.open(settings, budget);
	}

	/**
	 * Loads the models once the server is ready, off the start-up path, so that the first upload does not
	 * wait for them. Missing models are reported here and on every labeling attempt, never silently.
	 */
	@Bean
	ApplicationListener<ApplicationReadyEvent> preloadModels(OnnxLabelDetector detector, VisionSettings settings) {
		return event -> {
			Thread preload = new Thread(() -> {
				try {
					detector.load();
					log.info("Label models loaded from {}", settings.modelsDir().toAbsolutePath());
				}
				catch (DetectorUnavailableException ex) {
					log.warn("Labeling is unavailable until the models are in place: {}", ex.getMessage());
				}
			}, "model-preload");
			preload.setDaemon(true);
			preload.start();
		};
	}
}
