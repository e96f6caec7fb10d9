package app.tasklens.account;

import java.time.Duration;

/** Sign-in refused without checking the password: too many recent failures from this client. */
public class TooManyAttemptsException extends RuntimeException {

	private final Duration retryAfter;

	public TooManyAttemptsException(Duration retryAfter) {
		super("Too many failed sign-ins. Try again in " + inWords(retryAfter) + ".");
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return retryAfter;
	}

	/** Whole minutes (rounded up) from a minute on, seconds below: "14 minutes", "1 minute", "40 seconds". */
	static String inWords(Duration wait) {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		if (seconds < 60) {
			return seconds + (seconds == 1 ? " second" : " seconds");
		}
		long minutes = (seconds + 59) / 60;
		if (minutes < 120) {
			return minutes + (minutes == 1 ? " minute" : " minutes");
		}
		long hours = (minutes + 59) / 60;
		return hours + " hours";
	}
}
