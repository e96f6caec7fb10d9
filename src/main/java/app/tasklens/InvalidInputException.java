package app.tasklens;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input that breaks one or more rules. {@link #errors()} holds every input at fault with its message (a plain
 * sentence for the user), in the order of the form, so that a form and the API can name them all at once;
 * {@link #field()} is the first of them.
 */
public abstract class InvalidInputException extends RuntimeException {

	private final Map<String, String> errors;

	protected InvalidInputException(Map<String, String> errors) {
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
