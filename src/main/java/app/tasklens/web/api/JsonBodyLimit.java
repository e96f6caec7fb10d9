package app.tasklens.web.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.server.PayloadTooLargeException;

/**
 * Caps JSON request bodies under {@code /api} at {@link ApiSettings#maxJsonBody()}. A declared
 * {@code Content-Length} over the cap fails on the first read, before any byte is taken; a chunked body
 * fails as soon as the count passes the cap, so nothing larger is ever buffered. The failure surfaces
 * where the controller reads its body and {@link ApiProblems} answers 413. Other media types (image
 * uploads) are left to the endpoints that stream them with limits of their own.
 */
@Component
@EnableConfigurationProperties(ApiSettings.class)
class JsonBodyLimit extends OncePerRequestFilter {

	private final long limit;

	JsonBodyLimit(ApiSettings settings) {
		this.limit = settings.maxJsonBody().toBytes();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(request.getContextPath() + "/api/") || !isJson(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new LimitedRequest(request, limit), response);
	}

	private static boolean isJson(HttpServletRequest request) {
		String type = request.getContentType();
		if (type == null) {
			return false;
		}
		try {
			MediaType media = MediaType.parseMediaType(type);
			return media.isCompatibleWith(MediaType.APPLICATION_JSON) || media.getSubtype().endsWith("+json");
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;
		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new CountingStream(super.getInputStream(), getContentLengthLong(), limit);
			}
			return stream;
		}
	}

	private static final class CountingStream extends ServletInputStream {

		private final ServletInputStream in;
		private final long declared;
		private final long limit;
		private long count;

		CountingStream(ServletInputStream in, long declared, long limit) {
			this.in = in;
			this.declared = declared;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			checkDeclared();
			int b = in.read();
			if (b >= 0) {
				counted(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			checkDeclared();
			int n = in.read(buffer, offset, length);
			if (n > 0) {
				counted(n);
			}
			return n;
		}

		private void checkDeclared() {
			if (declared > limit) {
				throw tooLarge();
			}
		}

		private void counted(int n) {
			count += n;
			if (count > limit) {
				throw tooLarge();
			}
		}

		private PayloadTooLargeException tooLarge() {
			return new PayloadTooLargeException(
					new IllegalStateException("a JSON request body may have at most " + limit + " bytes"));
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
