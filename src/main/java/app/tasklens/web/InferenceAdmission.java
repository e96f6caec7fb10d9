package app.tasklens.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admission control for requests that carry an image to label now ({@code POST /api/detect-labels}, the
 * Rekognition-compatible DetectLabels and DetectText): at most {@code max-in-flight} such requests are
 * inside the server at once, counted from before their body is read until their answer is written. One
 * more is refused at once, so that a burst of large bodies waits in the clients, not in the heap
 * (24 bodies of 15 MB read before waiting for an inference slot were what ran the server out of memory).
 *
 * <p>All such endpoints share this one gate, since they share the detector and the heap. Use it as a
 * servlet filter in front of the endpoint ({@link #filter}), which keeps the body unread until a place is
 * free, or call {@link #tryEnter} before reading the body yourself.
 */
@Component
@EnableConfigurationProperties(InferenceAdmissionSettings.class)
public class InferenceAdmission {

	private final Semaphore places;
	private final Duration retryAfter;

	InferenceAdmission(InferenceAdmissionSettings settings) {
		this.places = new Semaphore(settings.maxInFlight());
		this.retryAfter = settings.retryAfter();
	}

	/** A place inside; closing it (once) lets the next request in. */
	public interface Permit extends AutoCloseable {
		@Override
		void close();
	}

	/** A place if one is free now; empty when the server already has as many such requests as it allows. */
	public Optional<Permit> tryEnter() {
		if (!places.tryAcquire()) {
			return Optional.empty();
		}
		return Optional.of(new Permit() {
			private boolean closed;

			@Override
			public synchronized void close() {
				if (!closed) {
					closed = true;
					places.release();
				}
			}
		});
	}

	/** What a refused client is told to wait before trying again ({@code Retry-After}). */
	public Duration retryAfter() {
		return retryAfter;
	}

	/** {@link #retryAfter} in whole seconds, at least 1, as {@code Retry-After} wants it. */
	public long retryAfterSeconds() {
		return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
	}

	/** How a refused request is answered, in the protocol of its endpoint (problem+json, an AWS error…). */
	@FunctionalInterface
	public interface Refusal {
		void write(HttpServletRequest request, HttpServletResponse response, InferenceAdmission admission)
				throws IOException;
	}

	/**
	 * A filter that lets the requests {@code applies} selects through only with a place, held until the
	 * rest of the chain returned, and answers the others with {@code refusal}. Register it after the
	 * security filters (so that an unauthenticated request never takes a place) and before the servlet
	 * that parses the body (multipart parsing reads it all).
	 */
	public OncePerRequestFilter filter(Predicate<HttpServletRequest> applies, Refusal refusal) {
		return new OncePerRequestFilter() {
			@Override
			protected boolean shouldNotFilter(HttpServletRequest request) {
				return !applies.test(request);
			}

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				Optional<Permit> permit = tryEnter();
				if (permit.isEmpty()) {
					response.setHeader("Retry-After", Long.toString(retryAfterSeconds()));
					refusal.write(request, response, InferenceAdmission.this);
					return;
				}
				try (Permit held = permit.get()) {
					chain.doFilter(request, response);
				}
			}
		};
	}
}
