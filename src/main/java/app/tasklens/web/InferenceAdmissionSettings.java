package app.tasklens.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gate in front of the label-now endpoints ({@link InferenceAdmission}).
 *
 * @param maxInFlight such requests inside the server at once, reading their body, waiting for an inference
 *        slot or being labeled; 0 means two per core: one being labeled and one waiting per inference
 *        slot keeps the cores busy, and at 15 MB a body that is 60 MB of heap on 2 cores
 * @param retryAfter what a refused client is told to wait ({@code Retry-After}, whole seconds)
 */
@ConfigurationProperties("tasklens.admission")
record InferenceAdmissionSettings(@DefaultValue("0") int maxInFlight, @DefaultValue("1s") Duration retryAfter) {

	InferenceAdmissionSettings {
		if (maxInFlight <= 0) {
			maxInFlight = 2 * Runtime.getRuntime().availableProcessors();
		}
		if (retryAfter.isNegative()) {
			throw new IllegalArgumentException("tasklens.admission.retry-after must not be negative");
		}
	}
}
