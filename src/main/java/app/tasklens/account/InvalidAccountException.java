package app.tasklens.account;

import java.util.Map;

import app.tasklens.InvalidInputException;

/** A sign-up or password change that breaks one or more rules (username, password in the form's order). */
public class InvalidAccountException extends InvalidInputException {

	public InvalidAccountException(String field, String message) {
		this(Map.of(field, message));
	}

	public InvalidAccountException(Map<String, String> errors) {
		super(errors);
	}
}
