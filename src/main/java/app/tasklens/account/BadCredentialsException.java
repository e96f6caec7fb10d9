package app.tasklens.account;

/** Unknown username or wrong password; deliberately does not say which. */
public class BadCredentialsException extends RuntimeException {

	public BadCredentialsException() {
		super("invalid username or password");
	}
}
