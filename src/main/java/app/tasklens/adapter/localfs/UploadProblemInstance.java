package app.tasklens.adapter.localfs;

import java.net.URI;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * A problem about an upload URL names the route, not the URL: Spring fills a problem's {@code instance} with
 * the request path, and here the path holds the signed ticket, which would then be copied into clients' logs
 * and error reports. Whichever handler built the problem (the upload's own refusals, or Spring's 405/415), it
 * passes here before it is written.
 */
@ControllerAdvice
@ConditionalOnExpression("'${tasklens.objects.s3.bucket:}'.isBlank()")
class UploadProblemInstance implements ResponseBodyAdvice<Object> {

	private static final URI ROUTE = URI.create(LocalUploadController.PATH);

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
			Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem && request.getURI().getPath().startsWith(LocalUploadController.PATH)) {
			problem.setInstance(ROUTE);
		}
		return body;
	}
}
