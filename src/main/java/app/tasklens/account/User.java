package app.tasklens.account;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A user account. Usernames are 3–64 letters, digits, {@code .}, {@code _} or {@code -}, unique without
 * regard to case; only the password's hash is kept.
 */
public record User(String id, String username, String passwordHash, Instant createdAt) {

	static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,64}");

	/** The form under which usernames are unique: "Alice" and "alice" are the same account. */
	public static String key(String username) {
		return username.toLowerCase(Locale.ROOT);
	}
}
