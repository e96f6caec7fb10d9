package app.tasklens.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import app.tasklens.MutableClock;
import app.tasklens.adapter.memory.InMemorySignInAttempts;
import app.tasklens.adapter.jdbc.SqliteStore;

/** The sign-up and sign-in rules, on the real user store (a SQLite file) and the product's password encoder. */
class AccountServiceTest {

	private static final String PASSWORD = "correct horse battery";

	@TempDir
	Path dataDir;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00.123456Z"));
	private SqliteStore store;
	private AccountService accounts;

	@BeforeEach
	void open() {
		store = SqliteStore.open(dataDir);
		SignInThrottle throttle = new SignInThrottle(new InMemorySignInAttempts(),
				new AccountSettings(Duration.ofHours(12), 5, 100, Duration.ofMinutes(15)), clock);
		accounts = new AccountService(store.users(), PasswordEncoderFactories.createDelegatingPasswordEncoder(), throttle,
				clock);
	}

	@AfterEach
	void close() {
		store.close();
	}

	@Test
	void usernamesAre3To64LettersDigitsDotsUnderscoresOrDashes() {
		for (String good : new String[] { "bob", "a.b_c-d.9", "x".repeat(64) }) {
			assertThat(accounts.signUp(good, PASSWORD).username()).isEqualTo(good);
		}
		for (String bad : new String[] { null, "", "ab", "x".repeat(65), "with space", "ümlaut", "semi;colon",
				"<script>" }) {
			assertThatThrownBy(() -> accounts.signUp(bad, PASSWORD)).as(String.valueOf(bad))
				.isInstanceOfSatisfying(InvalidAccountException.class,
						ex -> assertThat(ex.field()).isEqualTo("username"));
		}
	}

	@Test
	void passwordsHaveAtLeast10CharactersAndAtMost72Bytes() {
		assertThat(accounts.signUp("ten", "0123456780")).isNotNull();
		assertThat(accounts.signUp("max", "pq".repeat(36))).isNotNull();
		for (String bad : new String[] { null, "", "012345678", "p".repeat(73), "ü".repeat(37) }) {
			assertThatThrownBy(() -> accounts.signUp("carol", bad))
				.isInstanceOfSatisfying(InvalidAccountException.class,
						ex -> assertThat(ex.field()).isEqualTo("password"));
		}
	}

	@Test
	void obviouslyWeakPasswordsAreRefusedWithAReason() {
		String[][] weak = { { "          ", "only spaces" }, { "\t\t\t\t\t\t\t\t\t\t", "only spaces" },
				{ "1234567890", "sequence" }, { "9876543210", "sequence" }, { "abcdefghijk", "sequence" },
				{ "zzzzzzzzzz", "repeated" }, { "my-carol-password", "username" }, { "CAROL12345", "username" },
				{ "Password123", "most common" }, { "qwertyuiop", "most common" }, { "football123", "most common" } };
		for (String[] password : weak) {
			assertThatThrownBy(() -> accounts.signUp("carol", password[0]))
				.isInstanceOfSatisfying(InvalidAccountException.class, ex -> {
					assertThat(ex.errors()).containsOnlyKeys("password");
					assertThat(ex.errors().get("password")).as(password[0]).contains(password[1]).endsWith(".");
				});
		}
		assertThat(accounts.signUp("carol", "plum tree at dusk")).isNotNull();
	}

	@Test
	void everyBrokenRuleOfASignUpIsReportedAtOnce() {
		assertThatThrownBy(() -> accounts.signUp("x", "short"))
			.isInstanceOfSatisfying(InvalidAccountException.class,
					ex -> assertThat(ex.errors()).containsOnlyKeys("username", "password"));
	}

	@Test
	void aNewPasswordFollowsTheSameRules() {
		User user = accounts.signUp("dave", PASSWORD);
		assertThatThrownBy(() -> accounts.changePassword(user.id(), PASSWORD, "dave-forever", "10.0.0.9"))
			.isInstanceOfSatisfying(InvalidAccountException.class,
					ex -> assertThat(ex.errors()).containsOnlyKeys("newPassword"));
	}

	@Test
	void usernamesAreUniqueWithoutRegardToCase() {
		accounts.signUp("Alice", PASSWORD);

		assertThatThrownBy(() -> accounts.signUp("alice", "another password")).isInstanceOf(UsernameTakenException.class);
	}

	@Test
	void onlyABcryptHashOfThePasswordIsKept() {
		User user = accounts.signUp("alice", PASSWORD);

		String stored = store.jdbc().sql("SELECT password_hash FROM users WHERE id = ?").param(user.id())
			.query(String.class).single();
		assertThat(stored).startsWith("{bcrypt}$2").doesNotContain(PASSWORD);
		assertThat(user.createdAt()).as("kept to the millisecond, as stored").isEqualTo("2026-03-01T09:00:00.123Z");
	}

	@Test
	void signInChecksThePasswordAndIgnoresTheUsernamesCase() {
		User user = accounts.signUp("Alice", PASSWORD);

		assertThat(accounts.authenticate("alice", PASSWORD, "10.0.0.1").id()).isEqualTo(user.id());
		assertThatThrownBy(() -> accounts.authenticate("alice", "wrong password", "10.0.0.1"))
			.isInstanceOf(BadCredentialsException.class);
		assertThatThrownBy(() -> accounts.authenticate("nobody", PASSWORD, "10.0.0.1"))
			.isInstanceOf(BadCredentialsException.class);
		assertThatThrownBy(() -> accounts.authenticate(null, null, "10.0.0.1"))
			.isInstanceOf(BadCredentialsException.class);
	}

	@Test
	void afterFiveFailuresFromAnAddressTheRightPasswordFromThereWaitsButNotFromElsewhere() {
		accounts.signUp("alice", PASSWORD);
		for (int i = 0; i < 5; i++) {
			assertThatThrownBy(() -> accounts.authenticate("alice", "wrong password", "10.0.0.1"))
				.isInstanceOf(BadCredentialsException.class);
		}

		assertThatThrownBy(() -> accounts.authenticate("alice", PASSWORD, "10.0.0.1"))
			.isInstanceOf(TooManyAttemptsException.class);
		assertThat(accounts.authenticate("alice", PASSWORD, "10.0.0.2").username()).isEqualTo("alice");

		clock.advance(Duration.ofMinutes(15));
		assertThat(accounts.authenticate("alice", PASSWORD, "10.0.0.1").username()).isEqualTo("alice");
	}

}
