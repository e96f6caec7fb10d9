package app.tasklens.web;

import java.io.Serializable;

/**
 * The signed-in user, whichever way they signed in (session cookie in the UI, bearer token in the API).
 * Controllers take it as a parameter; it is resolved from the security context.
 */
public record CurrentUser(String id, String username) implements Serializable {
}
