package app.tasklens.web;

import java.io.Serializable;

import app.tasklens.account.User;

/**
 * The signed-in user, whichever way they signed in (session cookie in the UI, bearer token in the API).
 * Controllers take it as a parameter; it is resolved from the security context.
 *
 * @param tokenGeneration the account's token generation when they signed in; a session of an older one
 *        has ended (the password changed)
 */
public record CurrentUser(String id, String username, long tokenGeneration) implements Serializable {

	public static CurrentUser of(User user) {
		return new CurrentUser(user.id(), user.username(), user.tokenGeneration());
	}
}
