package app.tasklens.web;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.util.unit.DataSize;

import tools.jackson.databind.json.JsonMapper;

import app.tasklens.account.Users;
import app.tasklens.attachment.ObjectStore;

/**
 * Three filter chains. The Rekognition-compatible endpoint ({@code POST /} with {@code X-Amz-Target}, and
 * {@code POST /rekognition/**}) authenticates each request by its Signature Version 4 in the endpoint
 * itself, since the signature covers the body: no session, no CSRF token, nothing else of Spring
 * Security's. The JSON API under {@code /api} is stateless with bearer tokens (and signed upload
 * URLs); the web UI uses a session cookie, a sign-in form and CSRF tokens on every form. Both send a
 * Content-Security-Policy that forbids inline script and allows, beside this server, exactly the origin
 * of the object store's bucket, where the page sends images and loads them from.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * The one inline style of the Swagger UI's bundle (springdoc's swagger-ui 5), allowed by its hash on the API
	 * docs only, as Chromium names it when it blocks it. Another swagger-ui version may bring another one:
	 * ApiDocsBrowserTest then fails on the console error that names the new hash.
	 */
	static final String SWAGGER_UI_STYLE = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

	/** With {@code storeOrigin} in img-src (presigned GETs) and connect-src (the upload's PUT). */
	static String contentSecurityPolicy(Optional<URI> storeOrigin) {
		return contentSecurityPolicy(storeOrigin, "");
	}

	/** @param styles more sources of style-src than this server's files, each after a space */
	private static String contentSecurityPolicy(Optional<URI> storeOrigin, String styles) {
		String store = storeOrigin.map(origin -> " " + origin).orElse("");
		return "default-src 'self'; script-src 'self'; style-src 'self'" + styles + "; img-src 'self' data: blob:" + store
				+ "; connect-src 'self'" + store + "; font-src 'self'; object-src 'none'; base-uri 'self'; "
				+ "form-action 'self'; frame-ancestors 'none'";
	}

	private static String contentSecurityPolicy(ObjectProvider<ObjectStore> store) {
		return contentSecurityPolicy(storeOrigin(store), "");
	}

	private static Optional<URI> storeOrigin(ObjectProvider<ObjectStore> store) {
		ObjectStore objects = store.getIfAvailable();
		return objects == null ? Optional.empty() : objects.clientOrigin();
	}

	/** The Swagger UI and its document, under the API chain. */
	static boolean isApiDocs(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals("/api/docs") || path.startsWith("/api/docs/");
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/** The requests of Rekognition's clients: signed with an access key, checked by the endpoint. */
	static boolean isRekognitionCall(jakarta.servlet.http.HttpServletRequest request) {
		if (!"POST".equals(request.getMethod())) {
			return false;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals("/") && request.getHeader("X-Amz-Target") != null || path.equals("/rekognition")
				|| path.startsWith("/rekognition/");
	}

	// Only a web application has filter chains; the object-created function runs the app without one.
	@Bean
	@Order(0)
	@ConditionalOnWebApplication
	SecurityFilterChain rekognition(HttpSecurity http) throws Exception {
		http.securityMatcher(SecurityConfiguration::isRekognitionCall)
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.anonymous(anonymous -> anonymous.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	@Order(1)
	@ConditionalOnWebApplication
	SecurityFilterChain api(HttpSecurity http, JsonMapper json, ObjectProvider<ObjectStore> store) throws Exception {
		String policy = contentSecurityPolicy(store);
		String docsPolicy = contentSecurityPolicy(storeOrigin(store), " " + SWAGGER_UI_STYLE);
		http.securityMatcher("/api/**")
			.authorizeHttpRequests(requests -> requests
				.requestMatchers(HttpMethod.POST, "/api/users", "/api/token").permitAll()
				// An upload URL is its own authorization: signed, expiring, bound to one attachment.
				.requestMatchers(HttpMethod.PUT, "/api/uploads/**").permitAll()
				.requestMatchers("/api/docs", "/api/docs/**").permitAll()
				.anyRequest().authenticated())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
				.authenticationEntryPoint((request, response, ex) -> problem(response, json, HttpStatus.UNAUTHORIZED,
						"a valid bearer token is required")))
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, ex) -> problem(response, json, HttpStatus.UNAUTHORIZED,
						"a valid bearer token is required"))
				.accessDeniedHandler((request, response, ex) -> problem(response, json, HttpStatus.FORBIDDEN,
						"access denied")))
			.headers(headers -> headers
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(SecurityConfiguration::isApiDocs,
						new ContentSecurityPolicyHeaderWriter(docsPolicy)))
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(request -> !isApiDocs(request),
						new ContentSecurityPolicyHeaderWriter(policy))));
		return http.build();
	}

	@Bean
	@Order(2)
	@ConditionalOnWebApplication
	SecurityFilterChain web(HttpSecurity http, ObjectProvider<Users> users, ObjectProvider<ObjectStore> store,
			@Value("${spring.servlet.multipart.max-file-size}") DataSize maxFile) throws Exception {
		String policy = contentSecurityPolicy(store);
		http.addFilterAfter(new SessionUsers.Revocation(users), SecurityContextHolderFilter.class)
			.addFilterBefore(new OversizedForms(megabytes(maxFile)), CsrfFilter.class)
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/login", "/signup", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/error",
						"/actuator/health", "/actuator/health/**")
				.permitAll()
				.anyRequest().authenticated())
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true).failureHandler(signInFailure()))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy)));
		return http.build();
	}

	private static String megabytes(DataSize size) {
		return size.toBytes() % (1024 * 1024) == 0 ? size.toMegabytes() + " MB" : size.toKilobytes() + " KB";
	}

	/** Back to the form with the reason: wrong credentials, or too many attempts (429). */
	private static AuthenticationFailureHandler signInFailure() {
		return (request, response, ex) -> {
			if (ex instanceof org.springframework.security.authentication.LockedException) {
				request.getSession().setAttribute("signInError", ex.getMessage());
				response.sendRedirect(request.getContextPath() + "/login?throttled");
				return;
			}
			response.sendRedirect(request.getContextPath() + "/login?error");
		};
	}

	static void problem(HttpServletResponse response, JsonMapper json, HttpStatus status, String detail)
			throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("about:blank"));
		if (status == HttpStatus.UNAUTHORIZED) {
			response.setHeader("WWW-Authenticate", "Bearer");
		}
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}
}
