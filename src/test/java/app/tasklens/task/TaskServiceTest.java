package app.tasklens.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.tasklens.MutableClock;
import app.tasklens.account.User;
import app.tasklens.adapter.jdbc.SqliteStore;

/** The task use cases on the real embedded store. */
class TaskServiceTest {

	private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

	private SqliteStore store;
	private TaskService service;

	@BeforeEach
	void open() throws Exception {
		store = SqliteStore.open(Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "tasks"));
		store.users().add(new User("alice", "alice", "{noop}unused", T0));
		// The clock stands still: every task is created "in the same millisecond".
		service = new TaskService(store.tasks(), event -> {
		}, new MutableClock(T0), new CursorSeal(new byte[32]));
	}

	@AfterEach
	void close() {
		store.close();
	}

	@Test
	void tasksMadeWithinOneMillisecondListNewestFirstInTheOrderTheyWereMade() {
		List<String> made = List.of(service.create("alice", "First", "", null).id(),
				service.create("alice", "Second", "", null).id(), service.create("alice", "Third", "", null).id());

		List<String> listed = service.list("alice", TaskQuery.firstPage(10)).items().stream().map(Task::id).toList();

		assertThat(listed).containsExactly(made.get(2), made.get(1), made.get(0));
	}
}
