package app.tasklens.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class CursorSealTest {

	private static final byte[] KEY = new byte[32];

	static {
		Arrays.fill(KEY, (byte) 7);
	}

	private final CursorSeal seal = new CursorSeal(KEY);
	private final TaskQuery.Cursor position = new TaskQuery.Cursor(TaskQuery.Sort.DUE, LocalDate.parse("2030-06-30"),
			Instant.parse("2026-12-03T10:00:00Z"), "task-1");

	@Test
	void aSealedCursorOpensForItsUserAsThePositionItNames() {
		String sealed = seal.seal("alice", position.encode());

		assertThat(seal.open("alice", sealed)).isEqualTo(position);
		assertThat(sealed).startsWith(position.encode() + ".");
		assertThat(seal.seal("alice", null)).as("the last page has no cursor").isNull();
	}

	@Test
	void anyOtherTextIsRefusedWithoutSayingWhy() {
		String sealed = seal.seal("alice", position.encode());
		String mac = sealed.substring(sealed.lastIndexOf('.'));
		String otherPosition = new TaskQuery.Cursor(Instant.parse("2099-01-01T00:00:00Z"), "zzzz").encode();
		String flipped = sealed.substring(0, sealed.length() - 1) + (sealed.endsWith("A") ? "B" : "A");

		for (String bad : new String[] { position.encode(), otherPosition + mac, flipped, sealed.substring(0, 20),
				sealed + "x", "." + mac, sealed + "." + mac, "a".repeat(600) + mac, "", "%%%.%%%" }) {
			assertThatThrownBy(() -> seal.open("alice", bad)).as(bad).isInstanceOf(InvalidCursorException.class)
				.hasMessage("cursor is not valid");
		}
		assertThatThrownBy(() -> seal.open("bob", sealed)).as("another user's").isInstanceOf(InvalidCursorException.class);
		byte[] otherKey = KEY.clone();
		otherKey[0] ^= 1;
		assertThatThrownBy(() -> new CursorSeal(otherKey).open("alice", sealed)).as("another server's key")
			.isInstanceOf(InvalidCursorException.class);
	}

	@Test
	void aSealOverJunkDoesNotMakeItACursor() {
		String junk = "bm90LWEtY3Vyc29y";

		assertThatThrownBy(() -> seal.open("alice", seal.seal("alice", junk))).isInstanceOf(InvalidCursorException.class);
	}
}
