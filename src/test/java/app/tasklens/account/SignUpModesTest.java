package app.tasklens.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import app.tasklens.MutableClock;
import app.tasklens.adapter.jdbc.SqliteStore;
import app.tasklens.adapter.memory.InMemorySignInAttempts;

/** Open, invite-only and closed sign-up, and invite links, on the real user store (a SQLite file). */
class SignUpModesTest {

	private static final String PASSWORD = "correct horse battery";

	@TempDir
	Path dataDir;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
	private SqliteStore store;

	@BeforeEach
	void open() {
		store = SqliteStore.open(dataDir);
	}

	@AfterEach
	void close() {
		store.close();
	}

	private Invitations invitations(SignUpMode mode) {
		return new Invitations(Optional.of(store.invites()), new SignUpSettings(mode, Duration.ofDays(7)),
				store.transactions(), clock);
	}

	private AccountService accounts(Invitations invitations) {
		SignInThrottle throttle = new SignInThrottle(new InMemorySignInAttempts(),
				new AccountSettings(Duration.ofHours(12), 5, 100, Duration.ofMinutes(15)), clock);
		return new AccountService(store.users(), PasswordEncoderFactories.createDelegatingPasswordEncoder(), throttle,
				clock, new TokenGenerations(store.users(), clock), invitations);
	}

	@Test
	void theFirstAccountIsAnAdminInEveryModeAndTheNextIsNot() {
		for (SignUpMode mode : SignUpMode.values()) {
			store.jdbc().sql("DELETE FROM users").update();
			AccountService accounts = accounts(invitations(mode));
			assertThat(accounts.signUpMode()).as(mode + " before any account").isEqualTo(SignUpMode.OPEN);

			User operator = accounts.signUp("operator", PASSWORD);

			assertThat(operator.admin()).as(mode.name()).isTrue();
			assertThat(store.users().findById(operator.id()).orElseThrow().admin()).isTrue();
			assertThat(accounts.signUpMode()).isEqualTo(mode);
		}
		assertThat(accounts(invitations(SignUpMode.OPEN)).signUp("second", PASSWORD).admin()).isFalse();
	}

	@Test
	void closedSignUpRefusesEveryAccountAfterTheFirstBeforeLookingAtItsFields() {
		AccountService accounts = accounts(invitations(SignUpMode.CLOSED));
		accounts.signUp("operator", PASSWORD);

		assertThatThrownBy(() -> accounts.signUp("bob", PASSWORD)).isInstanceOf(SignUpRefusedException.class)
			.hasMessage("Sign-up is closed on this server. Ask its administrator for an account.");
		assertThatThrownBy(() -> accounts.signUp("x", "short")).isInstanceOf(SignUpRefusedException.class);
		assertThat(store.users().findByUsername("bob")).isEmpty();
	}

	@Test
	void anInviteLinkMakesOneAccountAndIsListedWithWhoUsedIt() {
		Invitations invitations = invitations(SignUpMode.INVITE);
		AccountService accounts = accounts(invitations);
		User alice = accounts.signUp("alice", PASSWORD);
		assertThatThrownBy(() -> accounts.signUp("bob", PASSWORD, null))
			.isInstanceOfSatisfying(SignUpRefusedException.class, ex -> assertThat(ex.getMessage()).contains("invitation"));

		Invitations.NewInvite link = invitations.make(alice.id());
		assertThat(invitations.usable(link.token())).isTrue();
		User bob = accounts.signUp("bob", PASSWORD, link.token());

		assertThat(bob.admin()).isFalse();
		assertThat(invitations.usable(link.token())).isFalse();
		assertThatThrownBy(() -> accounts.signUp("carol", PASSWORD, link.token()))
			.isInstanceOf(SignUpRefusedException.class).hasMessageContaining("used already, revoked or has expired");
		assertThat(store.users().findByUsername("carol")).isEmpty();
		assertThat(invitations.madeBy(alice.id())).singleElement().satisfies(invite -> {
			assertThat(invite.usedBy()).isEqualTo("bob");
			assertThat(invite.state(clock.instant())).isEqualTo(Invite.State.USED);
		});
		assertThat(invitations.madeBy(bob.id())).isEmpty();
	}

	@Test
	void onlyTheHashOfTheLinksSecretIsStored() {
		Invitations invitations = invitations(SignUpMode.INVITE);
		User alice = accounts(invitations).signUp("alice", PASSWORD);

		Invitations.NewInvite link = invitations.make(alice.id());

		String stored = store.jdbc().sql("SELECT token_hash FROM invites").query(String.class).single();
		assertThat(link.token()).hasSize(43);
		assertThat(stored).isEqualTo(Invitations.hash(link.token())).doesNotContain(link.token()).hasSize(64);
	}

	@Test
	void anExpiredARevokedOrAnUnknownLinkIsRefused() {
		Invitations invitations = invitations(SignUpMode.INVITE);
		AccountService accounts = accounts(invitations);
		User alice = accounts.signUp("alice", PASSWORD);
		Invitations.NewInvite expiring = invitations.make(alice.id());
		Invitations.NewInvite revoked = invitations.make(alice.id());

		clock.advance(Duration.ofDays(7));
		Invitations.NewInvite fresh = invitations.make(alice.id());
		assertThat(invitations.revoke("someone-else", revoked.invite().id())).as("only its maker revokes it").isFalse();
		assertThat(invitations.revoke(alice.id(), revoked.invite().id())).isTrue();

		for (String token : new String[] { expiring.token(), revoked.token(), "made-up-token" }) {
			assertThatThrownBy(() -> accounts.signUp("bob", PASSWORD, token)).as(token)
				.isInstanceOf(SignUpRefusedException.class);
		}
		assertThat(store.users().findByUsername("bob")).isEmpty();
		assertThat(invitations.madeBy(alice.id())).extracting(invite -> invite.state(clock.instant()))
			.containsExactly(Invite.State.OPEN, Invite.State.EXPIRED);
		assertThat(accounts.signUp("bob", PASSWORD, fresh.token()).username()).isEqualTo("bob");
	}

	@Test
	void aRefusedAccountLeavesTheInviteUnused() {
		Invitations invitations = invitations(SignUpMode.INVITE);
		AccountService accounts = accounts(invitations);
		User alice = accounts.signUp("alice", PASSWORD);
		Invitations.NewInvite link = invitations.make(alice.id());

		assertThatThrownBy(() -> accounts.signUp("ALICE", PASSWORD, link.token()))
			.isInstanceOf(UsernameTakenException.class);
		assertThatThrownBy(() -> accounts.signUp("bob", "1234567890", link.token()))
			.isInstanceOf(InvalidAccountException.class);

		assertThat(invitations.usable(link.token())).isTrue();
		assertThat(accounts.signUp("bob", PASSWORD, link.token()).username()).isEqualTo("bob");
	}

	@Test
	void invitesAreRefusedUnlessSignUpIsByInvitation() {
		for (SignUpMode mode : new SignUpMode[] { SignUpMode.OPEN, SignUpMode.CLOSED }) {
			assertThatThrownBy(() -> invitations(mode).make("anyone")).isInstanceOf(InvitesOffException.class);
			assertThat(invitations(mode).usable("anything")).isFalse();
		}
	}

	/** DynamoDB keeps no invites: invite-only sign-up there would let nobody in, so the server does not start. */
	@Test
	void inviteOnlySignUpOnAStoreWithoutInvitesRefusesToStart() {
		assertThatThrownBy(() -> new Invitations(Optional.empty(), new SignUpSettings(SignUpMode.INVITE,
				Duration.ofDays(7)), store.transactions(), clock))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("tasklens.account.sign-up=invite needs a store that keeps invite links");
		assertThat(new Invitations(Optional.empty(), new SignUpSettings(SignUpMode.CLOSED, Duration.ofDays(7)),
				store.transactions(), clock).mode()).isEqualTo(SignUpMode.CLOSED);
	}
}
