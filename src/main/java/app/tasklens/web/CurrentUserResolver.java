package app.tasklens.web;

import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import app.tasklens.account.TokenService;

/** Turns the authentication of either filter chain into a {@link CurrentUser}. */
class CurrentUserResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == CurrentUser.class;
	}

	@Override
	public CurrentUser resolveArgument(MethodParameter parameter, ModelAndViewContainer mav,
			NativeWebRequest request, WebDataBinderFactory binders) {
		return from(SecurityContextHolder.getContext().getAuthentication());
	}

	static CurrentUser from(Authentication authentication) {
		if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
			return user;
		}
		if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
			Object generation = jwt.getClaims().get(TokenService.GENERATION);
			return new CurrentUser(jwt.getSubject(), jwt.getClaimAsString("name"),
					generation instanceof Number number ? number.longValue() : -1);
		}
		throw new AuthenticationCredentialsNotFoundException("not signed in");
	}
}
