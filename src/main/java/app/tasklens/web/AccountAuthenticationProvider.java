package app.tasklens.web;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import app.tasklens.account.AccountService;
import app.tasklens.account.TooManyAttemptsException;
import app.tasklens.account.User;

/** The web UI's sign-in form, checked by {@link AccountService} so that it is throttled like the API's. */
@Component
class AccountAuthenticationProvider implements AuthenticationProvider {

	private final AccountService accounts;

	AccountAuthenticationProvider(AccountService accounts) {
		this.accounts = accounts;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String address = authentication.getDetails() instanceof WebAuthenticationDetails details
				? details.getRemoteAddress() : "unknown";
		try {
			User user = accounts.authenticate(authentication.getName(), String.valueOf(authentication.getCredentials()),
					address);
			return SessionUsers.authenticated(user);
		}
		catch (TooManyAttemptsException ex) {
			throw new LockedException(ex.getMessage(), ex);
		}
		catch (app.tasklens.account.BadCredentialsException ex) {
			throw new BadCredentialsException(ex.getMessage(), ex);
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
