package app.tasklens.web.api;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The attachment routes exist twice: under {@code /api} for bearer tokens, and at the root for the web
 * UI, whose session cookie the browser sends by itself (an {@code EventSource} or an {@code <img>} cannot
 * send a bearer header). Links in a response stay in the chain the request came through.
 */
final class Chains {

	private Chains() {
	}

	static String base(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return request.getContextPath() + (path.startsWith("/api/") ? "/api" : "");
	}
}
