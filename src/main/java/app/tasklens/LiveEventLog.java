package app.tasklens;

import java.time.Instant;
import java.util.List;

/**
 * The live events of every node (port), so that a node holding a user's event stream hears of what another node
 * did: a label saved by a worker, a task changed through another web node. Only where nodes share a database.
 */
public interface LiveEventLog {

	/** Appends an event; every later {@link #after} on any node sees it, in the order of the appends. */
	void append(String ownerId, String name, String json, Instant now);

	/** Up to {@code limit} events with a sequence above {@code sequence}, in order. */
	List<Entry> after(long sequence, int limit);

	/** Up to {@code limit} events of {@code ownerId} with a sequence above {@code sequence}, in order. */
	List<Entry> ofOwnerAfter(String ownerId, long sequence, int limit);

	/** The highest sequence appended so far (0 for none). */
	long last();

	/** The sequences still known: every event above {@code forgottenUpTo} up to {@code last} is kept. */
	Window window();

	/**
	 * Deletes the events appended before {@code cutoff}, and with them every event of a lower sequence, so that
	 * what is kept is always all events above {@link Window#forgottenUpTo()}.
	 */
	void forgetBefore(Instant cutoff);

	record Entry(long sequence, String ownerId, String name, String json) {
	}

	record Window(long forgottenUpTo, long last) {
	}
}
