package app.tasklens.web.api;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cuts off upload bodies that arrive slower than {@link UploadRateSettings#minRate()} on average once the
 * grace period has passed: each byte of a trickling body holds one of the server's request threads, and 210
 * uploads sending a byte every 2 s held all of them, so that nobody else was answered for 50 s. The check
 * runs as the body is read; the upload fails with {@link SlowUploadException} (408) and nothing is kept.
 * A body that sends nothing at all is cut by the connection timeout ({@code server.tomcat.connection-timeout}).
 */
@Component
@EnableConfigurationProperties(UploadRateSettings.class)
class UploadRateLimit extends OncePerRequestFilter {

	private final UploadRateSettings settings;
	private final Clock clock;

	UploadRateLimit(UploadRateSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/** The body of an upload came slower than the server waits for. */
	static class SlowUploadException extends RuntimeException {
		SlowUploadException(String message) {
			super(message);
		}
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"PUT".equals(request.getMethod())
				|| !request.getRequestURI().startsWith(request.getContextPath() + "/api/uploads/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new HttpServletRequestWrapper(request) {
			private ServletInputStream stream;

			@Override
			public ServletInputStream getInputStream() throws IOException {
				if (stream == null) {
					stream = new RateCheckedStream(super.getInputStream(), clock, settings);
				}
				return stream;
			}
		}, response);
	}

	private static final class RateCheckedStream extends ServletInputStream {

		private final ServletInputStream in;
		private final Clock clock;
		private final long minRate;
		private final Duration grace;
		private final Instant start;
		private long count;

		RateCheckedStream(ServletInputStream in, Clock clock, UploadRateSettings settings) {
			this.in = in;
			this.clock = clock;
			this.minRate = settings.minRate().toBytes();
			this.grace = settings.grace();
			this.start = clock.instant();
		}

		@Override
		public int read() throws IOException {
			int b = in.read();
			counted(b < 0 ? 0 : 1, b < 0);
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = in.read(buffer, offset, length);
			counted(Math.max(n, 0), n < 0);
			return n;
		}

		/** Average rate since the start, checked after each read once the grace period has passed. */
		private void counted(int n, boolean end) {
			count += n;
			if (end) {
				return;
			}
			Duration elapsed = Duration.between(start, clock.instant());
			if (elapsed.compareTo(grace) > 0 && count * 1000 < minRate * elapsed.toMillis()) {
				throw new SlowUploadException("the upload was too slow: " + count + " bytes in " + elapsed.toSeconds()
						+ " s; the server waits for at least " + minRate + " bytes a second");
			}
		}

		@Override
		public boolean isFinished() {
			return in.isFinished();
		}

		@Override
		public boolean isReady() {
			return in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			in.setReadListener(listener);
		}
	}
}
