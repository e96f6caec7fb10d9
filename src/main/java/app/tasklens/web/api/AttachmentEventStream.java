package app.tasklens.web.api;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import app.tasklens.Ids;
import app.tasklens.LiveEventLog;
import app.tasklens.NodeRole;
import app.tasklens.account.KeyRing;
import app.tasklens.account.ServerKey;
import app.tasklens.attachment.AttachmentDeleted;
import app.tasklens.attachment.AttachmentStatusChanged;
import app.tasklens.labeling.LabelsSaved;
import app.tasklens.labeling.TextDetection;
import app.tasklens.task.TaskChanged;
import app.tasklens.task.TaskCreated;
import app.tasklens.task.TaskDeleted;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live events per user, as Server-Sent Events: {@code status} when an attachment changes
 * status, {@code labels} when its labels are saved or the user changed them, {@code deleted} when it is gone,
 * and {@code task} when one of the user's tasks was created, changed or deleted (so other tabs follow). Sent
 * after the commit, so a client never sees a change that was rolled back.
 *
 * <p>On one node (SQLite) each user's last {@value #KEPT} events are kept in memory with ids
 * {@code <epoch>-<sequence>}, for {@code RETENTION} after the user's last stream closed. The sequence counts only
 * that user's events and the epoch is random for each time the server starts keeping them, so an id tells a user
 * nothing about other users' activity or about the server. Where nodes share the {@link LiveEventLog}
 * (PostgreSQL), an id is the log's sequence, sealed by {@link SharedEventIds}, and valid on every node: a reconnect
 * to any node catches up from the log, which keeps {@code RETENTION} of events. A client that reconnects with
 * {@code Last-Event-ID} gets what it missed, or a {@code reset} event when that is no longer known (too
 * old, or the server restarted) and it should reload what it shows. One sender thread writes to the
 * clients, in order, and never holds up labeling or a request.
 */
@Component
class AttachmentEventStream implements SmartLifecycle {

	static final int KEPT = 256;
	/** The browser reconnects by itself after this; a reconnect costs nothing with Last-Event-ID. */
	private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);
	/** Proxies close idle connections; a comment every so often keeps the stream open and finds dead clients. */
	private static final Duration HEARTBEAT = Duration.ofSeconds(20);
	/** How long a user's events are kept with no stream open: a reconnect comes within seconds. */
	private static final Duration RETENTION = Duration.ofMinutes(10);

	/** The payload of every event; {@code labels} and {@code textDetections} are filled for {@code labels}. */
	record AttachmentEvent(String taskId, String attachmentId, String status, String error,
			List<AttachmentJson.LabelJson> labels, List<TextDetection> textDetections) {
	}

	/**
	 * The payload of {@code task}: which task, {@code created}, {@code changed} or {@code deleted}, and the version
	 * (its {@code updatedAt} in epoch millis, 0 when deleted) so a page that already shows it need not fetch it.
	 */
	record TaskEvent(String taskId, String change, long version) {
	}

	private record Sent(long sequence, String name, Object data) {
	}

	/** A client's stream, which gets the events above {@code after} (what its catch-up already sent). */
	private record Subscriber(SseEmitter emitter, long after) {
	}

	/** How often a node asks the shared log for other nodes' events: well inside the 300 ms a label may take to show. */
	private static final Duration POLL = Duration.ofMillis(100);
	private static final int POLL_BATCH = 500;
	/** More events than this missed in {@code RETENTION} are a {@code reset}: reloading is then cheaper. */
	private static final int CATCH_UP_LIMIT = 1000;

	private static final Logger log = LoggerFactory.getLogger(AttachmentEventStream.class);

	private final Map<String, UserStream> users = new ConcurrentHashMap<>();
	private volatile ScheduledExecutorService sender;
	/** Null on one node (SQLite): events go straight to its streams. */
	private final LiveEventLog shared;
	/** Null on one node. */
	private final SharedEventIds sharedIds;
	private final JsonMapper json;
	private final boolean servesStreams;
	private long lastShared;
	private long lastForget;

	AttachmentEventStream(ObjectProvider<LiveEventLog> shared, KeyRing keys, JsonMapper json, Environment environment) {
		this.shared = shared.getIfAvailable();
		this.sharedIds = this.shared == null ? null : new SharedEventIds(keys.key(ServerKey.CURSORS));
		this.json = json;
		this.servesStreams = NodeRole.of(environment).servesHttp();
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(AttachmentStatusChanged changed) {
		publish(changed.ownerId(), "status", new AttachmentEvent(changed.taskId(), changed.attachmentId(),
				changed.status().name(), changed.error(), List.of(), List.of()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(LabelsSaved saved) {
		publish(saved.ownerId(), "labels", new AttachmentEvent(saved.taskId(), saved.attachmentId(), "LABELED", null,
				AttachmentJson.LabelJson.of(saved.labels()), saved.labels().textDetections()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(AttachmentDeleted deleted) {
		publish(deleted.ownerId(), "deleted",
				new AttachmentEvent(deleted.taskId(), deleted.attachmentId(), "DELETED", null, List.of(), List.of()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(TaskCreated created) {
		publish(created.ownerId(), "task", new TaskEvent(created.taskId(), "created", created.version()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(TaskChanged changed) {
		publish(changed.ownerId(), "task", new TaskEvent(changed.taskId(), "changed", changed.version()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(TaskDeleted deleted) {
		publish(deleted.ownerId(), "task", new TaskEvent(deleted.taskId(), "deleted", 0));
	}

	/** A stream of the user's events, starting after {@code lastEventId} when given. */
	SseEmitter subscribe(String userId, String lastEventId) {
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
		UserStream stream = users.computeIfAbsent(userId, id -> new UserStream());
		emitter.onCompletion(() -> stream.remove(emitter));
		emitter.onTimeout(() -> stream.remove(emitter));
		emitter.onError(error -> stream.remove(emitter));
		synchronized (stream) {
			try {
				// A first write sends the headers at once: the client knows it is subscribed.
				emitter.send(SseEmitter.event().comment("subscribed"));
				long after = 0;
				if (lastEventId != null && !lastEventId.isBlank()) {
					after = shared == null ? catchUp(stream, emitter, lastEventId.strip())
							: catchUpShared(userId, emitter, lastEventId.strip());
				}
				stream.subscribers.add(new Subscriber(emitter, after));
			}
			catch (IOException ex) {
				emitter.completeWithError(ex);
			}
		}
		return emitter;
	}

	private long catchUp(UserStream stream, SseEmitter emitter, String lastEventId) throws IOException {
		long last = stream.sequenceOf(lastEventId);
		if (last < 0 || last < stream.forgottenUpTo || last > stream.sequence) {
			emitter.send(SseEmitter.event().name("reset").id(idOf(stream, stream.sequence)).data("{}"));
			return 0;
		}
		for (Sent sent : stream.recent) {
			if (sent.sequence > last) {
				emitter.send(event(stream, sent));
			}
		}
		return 0;
	}

	/**
	 * From the shared log, under the user's stream lock, so that the poller hands this emitter only what comes
	 * after. The events are read before the window: an event deleted in between makes the window say so.
	 *
	 * @return the sequence up to which this emitter has been served
	 */
	private long catchUpShared(String userId, SseEmitter emitter, String lastEventId) throws IOException {
		long last = sharedIds.sequenceOf(lastEventId);
		List<LiveEventLog.Entry> missed = last < 0 ? List.of() : shared.ofOwnerAfter(userId, last, CATCH_UP_LIMIT);
		LiveEventLog.Window window = shared.window();
		if (last < 0 || last < window.forgottenUpTo() || last > window.last() || missed.size() == CATCH_UP_LIMIT) {
			emitter.send(SseEmitter.event().name("reset").id(sharedIds.idOf(window.last())).data("{}"));
			return window.last();
		}
		long served = last;
		for (LiveEventLog.Entry entry : missed) {
			emitter.send(event(sharedIds.idOf(entry.sequence()), entry.name(), json.readTree(entry.json())));
			served = entry.sequence();
		}
		return served;
	}

	private void publish(String userId, String name, Object data) {
		ScheduledExecutorService executor = sender;
		if (executor == null) {
			return;
		}
		if (shared != null) {
			String text = json.writeValueAsString(data);
			executor.execute(() -> {
				try {
					shared.append(userId, name, text, Instant.now());
				}
				catch (RuntimeException ex) {
					log.warn("a live event of user {} could not be shared with the other nodes: {}", userId, ex.toString());
				}
			});
			return;
		}
		executor.execute(() -> {
			UserStream stream = users.computeIfAbsent(userId, id -> new UserStream());
			synchronized (stream) {
				deliver(stream, ++stream.sequence, name, data);
			}
		});
	}

	/**
	 * The shared log's new events, to the streams of this node. A user with no stream here, and none within
	 * {@code RETENTION}, has nothing to catch up on, so their events are skipped rather than kept.
	 */
	private void pollShared() {
		try {
			List<LiveEventLog.Entry> entries;
			do {
				entries = shared.after(lastShared, POLL_BATCH);
				for (LiveEventLog.Entry entry : entries) {
					lastShared = entry.sequence();
					UserStream stream = users.get(entry.ownerId());
					if (stream != null) {
						synchronized (stream) {
							deliver(stream, entry.sequence(), entry.name(), json.readTree(entry.json()));
						}
					}
				}
			}
			while (entries.size() == POLL_BATCH);
			long now = System.currentTimeMillis();
			if (now - lastForget > RETENTION.toMillis()) {
				lastForget = now;
				shared.forgetBefore(Instant.ofEpochMilli(now).minus(RETENTION));
			}
		}
		catch (RuntimeException ex) {
			log.warn("live events of other nodes could not be read: {}", ex.toString());
		}
	}

	/** Under the stream's lock. Only one node's own events are kept here; the shared log keeps the others. */
	private void deliver(UserStream stream, long sequence, String name, Object data) {
		Sent sent = new Sent(sequence, name, data);
		if (shared == null) {
			stream.keep(sent);
		}
		for (Subscriber subscriber : stream.subscribers) {
			if (sequence > subscriber.after()) {
				send(stream, subscriber.emitter(), event(stream, sent));
			}
		}
	}

	private String idOf(UserStream stream, long sequence) {
		return shared == null ? stream.idOf(sequence) : sharedIds.idOf(sequence);
	}

	private SseEmitter.SseEventBuilder event(UserStream stream, Sent sent) {
		return event(idOf(stream, sent.sequence), sent.name, sent.data);
	}

	private static SseEmitter.SseEventBuilder event(String id, String name, Object data) {
		return SseEmitter.event().id(id).name(name).data(data, MediaType.APPLICATION_JSON);
	}

	/** Keeps open streams alive and forgets the events of users who have been away for long. */
	private void heartbeat() {
		long now = System.nanoTime();
		users.entrySet().removeIf(entry -> {
			UserStream stream = entry.getValue();
			synchronized (stream) {
				for (Subscriber subscriber : stream.subscribers) {
					send(stream, subscriber.emitter(), SseEmitter.event().comment("keep-alive"));
				}
				if (!stream.subscribers.isEmpty()) {
					stream.lastUsed = now;
				}
				return stream.subscribers.isEmpty() && now - stream.lastUsed > RETENTION.toNanos();
			}
		});
	}

	private static void send(UserStream stream, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
		try {
			emitter.send(event);
		}
		catch (IOException | IllegalStateException ex) {
			// The client went away; the servlet container tells the emitter, which completes it.
			stream.remove(emitter);
		}
	}

	private static final class UserStream {

		final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
		final Deque<Sent> recent = new ArrayDeque<>();
		/** Ids of an earlier stream of this user (forgotten, or before a restart) are not this one's. */
		final String epoch = Ids.random().substring(0, 8);
		/** The last sequence this user's events were given. */
		long sequence;
		/** The highest sequence not in {@link #recent}: a client that saw less missed something. */
		long forgottenUpTo;
		long lastUsed = System.nanoTime();

		void remove(SseEmitter emitter) {
			subscribers.removeIf(subscriber -> subscriber.emitter() == emitter);
		}

		String idOf(long sequence) {
			return epoch + "-" + sequence;
		}

		/** The sequence number of an id this stream gave out, or -1. */
		long sequenceOf(String eventId) {
			String prefix = epoch + "-";
			if (!eventId.startsWith(prefix)) {
				return -1;
			}
			try {
				return Long.parseLong(eventId.substring(prefix.length()));
			}
			catch (NumberFormatException ex) {
				return -1;
			}
		}

		void keep(Sent sent) {
			recent.addLast(sent);
			if (recent.size() > KEPT) {
				forgottenUpTo = recent.removeFirst().sequence;
			}
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "attachment-events");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
				TimeUnit.MILLISECONDS);
		if (shared != null && servesStreams) {
			lastShared = shared.last();
			lastForget = System.currentTimeMillis();
			executor.scheduleWithFixedDelay(this::pollShared, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
		}
		sender = executor;
	}

	/** Ends every stream before the web server drains its requests, which would otherwise wait for them. */
	@Override
	public void stop() {
		ScheduledExecutorService executor = sender;
		sender = null;
		if (executor != null) {
			executor.shutdownNow();
		}
		for (UserStream stream : users.values()) {
			stream.subscribers.forEach(subscriber -> subscriber.emitter().complete());
			stream.subscribers.clear();
		}
	}

	@Override
	public boolean isRunning() {
		return sender != null;
	}
}
