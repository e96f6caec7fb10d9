package app.tasklens.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import app.tasklens.account.User;
import app.tasklens.account.Users;

/**
 * The signed-in users of the UI's sessions: how a session is made for an account, and the check on every
 * request that ends a session whose account is gone or whose password changed since it began.
 */
public final class SessionUsers {

	private SessionUsers() {
	}

	/** The authentication a session keeps for {@code user}: ROLE_USER, and ROLE_ADMIN for the operator. */
	public static Authentication authenticated(User user) {
		List<GrantedAuthority> roles = new ArrayList<>(List.of(new SimpleGrantedAuthority("ROLE_USER")));
		if (user.admin()) {
			roles.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
		}
		return UsernamePasswordAuthenticationToken.authenticated(CurrentUser.of(user), null, roles);
	}

	/** One lookup of the account by id per request of a signed-in session. */
	static final class Revocation extends OncePerRequestFilter {

		/** A provider: web slice tests run the security chain without any store. */
		private final ObjectProvider<Users> users;

		Revocation(ObjectProvider<Users> users) {
			this.users = users;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			Users accounts = users.getIfAvailable();
			if (accounts != null && authentication != null && authentication.getPrincipal() instanceof CurrentUser user
					&& accounts.findById(user.id()).filter(account -> account.tokenGeneration() == user.tokenGeneration())
						.isEmpty()) {
				SecurityContextHolder.clearContext();
				HttpSession session = request.getSession(false);
				if (session != null) {
					session.invalidate();
				}
			}
			chain.doFilter(request, response);
		}
	}
}
