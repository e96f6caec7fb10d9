package app.tasklens.web.api;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

import app.tasklens.web.InferenceAdmission;

/**
 * {@code POST /api/detect-labels} behind the shared {@link InferenceAdmission} gate: a request beyond the
 * bodies the server takes at once is answered 503 with {@code Retry-After} before a byte of its body is read.
 */
@Configuration(proxyBeanMethods = false)
class DetectLabelsAdmission {

	/** After the security filters (order -100): an unauthenticated request gets its 401 without taking a place. */
	static final int ORDER = 0;

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> detectLabelsGate(InferenceAdmission admission, JsonMapper json) {
		OncePerRequestFilter filter = admission.filter(DetectLabelsAdmission::isDetectLabels,
				(request, response, gate) -> busy(response, json, gate));
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns("/api/detect-labels");
		registration.setOrder(ORDER);
		return registration;
	}

	private static boolean isDetectLabels(HttpServletRequest request) {
		return "POST".equals(request.getMethod());
	}

	private static void busy(HttpServletResponse response, JsonMapper json, InferenceAdmission gate)
			throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"the server is labeling as many images as it can take; try again in " + gate.retryAfterSeconds()
						+ (gate.retryAfterSeconds() == 1 ? " second" : " seconds"));
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}
}
