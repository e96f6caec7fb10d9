package app.tasklens.account;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sign-up or password change that breaks one or more rules. {@link #errors()} holds every input at fault
 * with its message, in the order of the form, so a form can show them all at once; {@link #field()} is the
 * first of them.
 */
public class InvalidAccountException extends RuntimeException {

	private final Map<String, String> errors;

	public InvalidAccountException(String field, String message) {
		this(Map.of(field, message));
	}

	public InvalidAccountException(Map<String, String> errors) {
		super(String.join(" ", errors.values()));
		if (errors.isEmpty()) {
			throw new IllegalArgumentException("no errors");
		}
		this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
	}

	public String field() {
		return errors.keySet().iterator().next();
	}

	public Map<String, String> errors() {
		return errors;
	}
}
