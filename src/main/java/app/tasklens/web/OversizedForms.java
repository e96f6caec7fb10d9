package app.tasklens.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/**
 * A form post larger than the multipart limits ({@code spring.servlet.multipart.*}, the attachment size): the
 * servlet container stops reading it, and the CSRF check, which reads the token from that body, would end
 * in a bare "413 Content Too Large" before any controller could catch a {@link MaxUploadSizeExceededException}.
 * Placed before that check in the UI's chain, this sends the user back to the task list, which says that the
 * image was too large. Every other request passes untouched.
 */
final class OversizedForms extends OncePerRequestFilter {

	private final StandardServletMultipartResolver multipart = new StandardServletMultipartResolver();
	private final String limit;

	/** @param limit for people: "15 MB" */
	OversizedForms(String limit) {
		this.limit = limit;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!"POST".equals(request.getMethod()) || !tooLarge(request)) {
			chain.doFilter(request, response);
			return;
		}
		FlashMap flash = new FlashMap();
		flash.put("message", "The image was not attached: it is larger than " + limit + ", the most an image may have.");
		flash.setTargetRequestPath(request.getContextPath() + "/");
		new SessionFlashMapManager().saveOutputFlashMap(flash, request, response);
		response.sendRedirect(request.getContextPath() + "/" + taskFragment(request));
	}

	private boolean tooLarge(HttpServletRequest request) {
		if (!multipart.isMultipart(request)) {
			return false;
		}
		try {
			multipart.resolveMultipart(request);
			return false;
		}
		catch (MaxUploadSizeExceededException ex) {
			return true;
		}
		catch (MultipartException ex) {
			return false;
		}
	}

	/** Back at the task the form belongs to ({@code /tasks/<id>/attachments/upload}). */
	private static String taskFragment(HttpServletRequest request) {
		String[] parts = request.getRequestURI().substring(request.getContextPath().length()).split("/");
		return parts.length > 2 && "tasks".equals(parts[1]) && parts[2].matches("[A-Za-z0-9_-]+") ? "#task-" + parts[2]
				: "";
	}
}
