package app.tasklens.account;

import java.time.Duration;

/** Sign-in refused without checking the password: too many recent failures for the username or the client. */
public class TooManyAttemptsException extends RuntimeException {

	private final Duration retryAfter;

	public TooManyAttemptsException(Duration retryAfter) {
		super("too many failed sign-ins; try again in " + Math.max(1, retryAfter.toSeconds()) + " s");
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return retryAfter;
	}
}
