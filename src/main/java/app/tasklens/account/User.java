package app.tasklens.account;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A user account. Usernames are 3–64 letters, digits, {@code .}, {@code _} or {@code -}, unique without
 * regard to case; only the password's hash is kept.
 *
 * @param tokenGeneration goes up with each password change; tokens and sessions carry the generation they
 *        were made in, and one of an older generation is no longer accepted
 * @param admin an operator of this server (the first account made, and whom an admin made one)
 * @param disabled an admin disabled the account: it cannot sign in, and its tokens and sessions ended
 */
public record User(String id, String username, String passwordHash, Instant createdAt, long tokenGeneration,
		boolean admin, boolean disabled) {

	static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,64}");

	/** A new account of an ordinary user. */
	public User(String id, String username, String passwordHash, Instant createdAt) {
		this(id, username, passwordHash, createdAt, 0, false);
	}

	/** An account that is not disabled. */
	public User(String id, String username, String passwordHash, Instant createdAt, long tokenGeneration,
			boolean admin) {
		this(id, username, passwordHash, createdAt, tokenGeneration, admin, false);
	}

	/** The form under which usernames are unique: "Alice" and "alice" are the same account. */
	public static String key(String username) {
		return username.toLowerCase(Locale.ROOT);
	}

	/** The same account with a new password; every token and session made before stops working. */
	User withPassword(String newHash) {
		return new User(id, username, newHash, createdAt, tokenGeneration + 1, admin, disabled);
	}

	User withAdmin(boolean value) {
		return new User(id, username, passwordHash, createdAt, tokenGeneration, value, disabled);
	}

	/** Disabling ends every token and session made before (a new generation); enabling leaves them ended. */
	User withDisabled(boolean value) {
		return new User(id, username, passwordHash, createdAt, value ? tokenGeneration + 1 : tokenGeneration, admin,
				value);
	}
}
