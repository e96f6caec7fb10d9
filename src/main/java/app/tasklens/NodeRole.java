package app.tasklens;

import java.util.Locale;

import org.springframework.core.env.PropertyResolver;

/**
 * What one node of several does ({@code --role}, {@code tasklens.role}, {@code TASKLENS_ROLE}): {@code web} serves
 * the UI and the API and labels nothing in the background, {@code worker} only labels (no HTTP port), {@code all}
 * (the default) does both, as one machine does.
 */
public enum NodeRole {

	WEB, WORKER, ALL;

	/** The role the settings name; anything but web, worker or all is refused, never read as the default. */
	public static NodeRole of(PropertyResolver settings) {
		String text = settings.getProperty("tasklens.role", "all").strip();
		try {
			return valueOf(text.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("tasklens.role must be web, worker or all, not \"" + text + "\"");
		}
	}

	public boolean servesHttp() {
		return this != WORKER;
	}

	public boolean labels() {
		return this != WEB;
	}
}
