package app.tasklens.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import app.tasklens.Ids;

/**
 * Invite links, while sign-up is by invitation. Any signed-in user may make them (an admin is not needed:
 * inviting a friend is an everyday act, and every link is listed, with who used it, on its maker's account
 * page); each maker sees and revokes only their own.
 *
 * <p>A link carries a secret of 256 random bits; the store keeps its SHA-256 only, so a copy of the database
 * lets nobody sign up. A fast hash is enough for a random secret of that size (nothing to guess, unlike a
 * password).
 */
@Service
public class Invitations {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Optional<Invites> invites;
	private final SignUpSettings settings;
	private final TransactionTemplate transactions;
	private final Clock clock;

	/**
	 * @throws IllegalStateException when sign-up is by invitation but the store keeps no invites (DynamoDB):
	 *         the server refuses to start rather than accept nobody
	 */
	Invitations(Optional<Invites> invites, SignUpSettings settings, TransactionTemplate transactions,
			Clock clock) {
		if (settings.signUp() == SignUpMode.INVITE && invites.isEmpty()) {
			throw new IllegalStateException("tasklens.account.sign-up=invite needs a store that keeps invite links"
					+ " (tasklens.store=sqlite or postgres); this store has none. Use open or closed sign-up.");
		}
		this.invites = invites;
		this.settings = settings;
		this.transactions = transactions;
		this.clock = clock;
	}

	public SignUpMode mode() {
		return settings.signUp();
	}

	/** A new invite link's secret, shown to its maker once, and the invite. */
	public record NewInvite(Invite invite, String token) {
	}

	/** @throws InvitesOffException unless sign-up is by invitation */
	public NewInvite make(String userId) {
		Invites store = store();
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Invite invite = new Invite(Ids.random(), hash(token), userId, now, now.plus(settings.inviteLifetime()), null,
				null);
		store.add(invite);
		return new NewInvite(invite, token);
	}

	/** The invites {@code userId} made, newest first; none unless sign-up is by invitation. */
	public List<Invite> madeBy(String userId) {
		return settings.signUp() == SignUpMode.INVITE ? store().madeBy(userId) : List.of();
	}

	/** @return false when {@code userId} made no such invite, or it is used already */
	public boolean revoke(String userId, String inviteId) {
		return store().revoke(inviteId, userId);
	}

	/** Whether {@code token} is the secret of an invite that can be used now. */
	public boolean usable(String token) {
		return settings.signUp() == SignUpMode.INVITE && token != null && !token.isBlank()
				&& store().usable(hash(token), clock.instant());
	}

	/**
	 * Runs {@code addUser} with the invite used by {@code username}, in one transaction: a refused account
	 * (its username taken) leaves the invite unused.
	 *
	 * @throws SignUpRefusedException when the invite cannot be used
	 */
	void redeem(String token, String username, Runnable addUser) {
		Invites store = store();
		transactions.executeWithoutResult(status -> {
			if (!store.use(hash(token), username, clock.instant())) {
				throw SignUpRefusedException.inviteUnusable();
			}
			addUser.run();
		});
	}

	private Invites store() {
		if (settings.signUp() != SignUpMode.INVITE) {
			throw new InvitesOffException(settings.signUp());
		}
		return invites.orElseThrow();
	}

	static String hash(String token) {
		try {
			return HexFormat.of().formatHex(
					MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}
}
