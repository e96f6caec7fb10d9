package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import app.tasklens.web.SecuritySlice;

/**
 * Web slice: the problem shapes of {@link ApiProblems}, and the way another feature maps its own exceptions
 * without touching it (as its Javadoc tells). The probe controller and advice stand for such a feature.
 */
@WebMvcTest(ApiProblemsTest.ProbeController.class)
@Import({ SecuritySlice.class, ApiProblemsTest.ProbeController.class, ApiProblemsTest.ProbeProblems.class })
class ApiProblemsTest {

	static class ProbeException extends RuntimeException {
	}

	record Upload(@NotBlank String filename, @Positive long size) {
	}

	@RestController
	static class ProbeController {

		@GetMapping("/api/probe/own")
		void own() {
			throw new ProbeException();
		}

		@GetMapping("/api/probe/unexpected")
		void unexpected() {
			throw new IllegalStateException("secret internals");
		}

		@PostMapping("/api/probe/uploads")
		Upload upload(@Valid @RequestBody Upload upload) {
			return upload;
		}
	}

	@RestControllerAdvice(basePackageClasses = ApiProblems.class)
	@Order(ApiProblems.ORDER)
	static class ProbeProblems {

		@ExceptionHandler
		ProblemDetail probe(ProbeException ex) {
			return ApiProblems.invalid(HttpStatus.CONFLICT, "probe", "probe refused");
		}
	}

	@Autowired
	MockMvcTester mvc;

	private MvcTestResult get(String uri) {
		return mvc.get().uri(uri).with(jwt()).exchange();
	}

	private static void assertProblem(MvcTestResult result, HttpStatus status) {
		assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status.value());
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo(status.getReasonPhrase());
	}

	@Test
	void anotherFeaturesAdviceMapsItsOwnExceptionsAheadOfTheFallback() {
		MvcTestResult result = get("/api/probe/own");

		assertProblem(result, HttpStatus.CONFLICT);
		assertThat(result).bodyJson().extractingPath("$.errors[0]").isEqualTo(java.util.Map.of("field", "probe",
				"message", "probe refused"));
	}

	@Test
	void anUnexpectedErrorIsA500ProblemThatTellsNothingOfItsCause() throws Exception {
		MvcTestResult result = get("/api/probe/unexpected");

		assertProblem(result, HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(result.getResponse().getContentAsString()).doesNotContain("secret").doesNotContain("Exception");
	}

	@Test
	void beanValidationErrorsAre422WithEachField() {
		MvcTestResult result = mvc.post().uri("/api/probe/uploads").with(jwt()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"filename\":\" \",\"size\":0}").exchange();

		assertProblem(result, HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray()
			.containsExactlyInAnyOrder("filename", "size");
	}

	@Test
	void anUnknownRouteUnderApiIsA404Problem() {
		assertProblem(get("/api/no/such/route"), HttpStatus.NOT_FOUND);
	}

	@Test
	void aMethodTheRouteDoesNotTakeIsA405ProblemNamingTheAllowedOnes() {
		MvcTestResult result = mvc.delete().uri("/api/probe/uploads").with(jwt()).exchange();

		assertProblem(result, HttpStatus.METHOD_NOT_ALLOWED);
		assertThat(result).headers().hasValue("Allow", "POST");
	}

	@Test
	void withoutATokenTheSecurityChainAnswersA401Problem() {
		MvcTestResult result = mvc.get().uri("/api/probe/own").exchange();

		assertProblem(result, HttpStatus.UNAUTHORIZED);
		assertThat(result).headers().hasValue("WWW-Authenticate", "Bearer");
	}
}
