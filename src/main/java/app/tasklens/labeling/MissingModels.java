package app.tasklens.labeling;

import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Whether labeling is paused because the detector is missing its models: a server condition, for health,
 * the admin page and the log, never a message to a user (who sees only that labeling is paused). Set when
 * the models are found missing, at start or by a labeling try, and cleared once they load.
 */
@Component
public class MissingModels {

	/** What an operator reads: which model is missing and where to put which file; and since when. */
	public record Condition(String reason, Instant since) {
	}

	private volatile Condition condition;

	/** Empty while the models are in place (or were not looked at yet). */
	public Optional<Condition> condition() {
		return Optional.ofNullable(condition);
	}

	public boolean areMissing() {
		return condition != null;
	}

	/** The models were found missing; the first time is kept as {@code since}, the latest reason as the reason. */
	public synchronized void missing(String reason, Instant now) {
		condition = new Condition(reason, condition == null ? now : condition.since());
	}

	/** The models loaded. */
	public void present() {
		condition = null;
	}
}
