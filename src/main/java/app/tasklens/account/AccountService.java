package app.tasklens.account;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import app.tasklens.Ids;

/** Signs users up and checks their passwords, throttling failed sign-ins. */
@Service
public class AccountService {

	static final int MIN_PASSWORD = 10;
	/** bcrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused. */
	static final int MAX_PASSWORD_BYTES = 72;

	private final Users users;
	private final PasswordEncoder passwords;
	private final SignInThrottle throttle;
	private final Clock clock;
	private final TokenGenerations generations;
	/** Null in tests of the password rules alone: sign-up is then open. */
	private final Invitations invitations;
	/** Compared against when the user does not exist, so both failures take the same time. */
	private final String decoyHash;

	AccountService(Users users, PasswordEncoder passwords, SignInThrottle throttle, Clock clock) {
		this(users, passwords, throttle, clock, new TokenGenerations(users, clock), null);
	}

	@Autowired
	AccountService(Users users, PasswordEncoder passwords, SignInThrottle throttle, Clock clock,
			TokenGenerations generations, Invitations invitations) {
		this.generations = generations;
		this.invitations = invitations;
		this.users = users;
		this.passwords = passwords;
		this.throttle = throttle;
		this.clock = clock;
		this.decoyHash = passwords.encode("decoy-password-" + Ids.random());
	}

	/** Who may sign up now: anyone while no account exists (the first is the operator's), else the setting. */
	public SignUpMode signUpMode() {
		return invitations == null || !users.any() ? SignUpMode.OPEN : invitations.mode();
	}

	public User signUp(String username, String password) {
		return signUp(username, password, null);
	}

	/**
	 * Makes an account, the first one an admin. A closed sign-up, or one by invitation without a usable
	 * {@code invite}, is refused before the fields are looked at; an account refused for its fields or its
	 * username leaves the invite unused.
	 *
	 * @param invite the secret of an invite link, needed only while sign-up is by invitation
	 * @throws SignUpRefusedException when this server does not take this sign-up
	 * @throws InvalidAccountException with every field at fault
	 * @throws UsernameTakenException when another account has the username, in any case
	 */
	public User signUp(String username, String password, String invite) {
		boolean first = !users.any();
		SignUpMode mode = invitations == null || first ? SignUpMode.OPEN : invitations.mode();
		if (mode == SignUpMode.CLOSED) {
			throw SignUpRefusedException.closed();
		}
		if (mode == SignUpMode.INVITE && (invite == null || invite.isBlank())) {
			throw SignUpRefusedException.inviteRequired();
		}
		Map<String, String> errors = new LinkedHashMap<>();
		if (username == null || !User.USERNAME.matcher(username).matches()) {
			errors.put("username", "The username must be 3–64 characters: letters, digits, “.”, “_” or “-”.");
		}
		passwordProblem(password, username).ifPresent(problem -> errors.put("password", problem));
		if (!errors.isEmpty()) {
			throw new InvalidAccountException(errors);
		}
		User user = new User(Ids.random(), username, passwords.encode(password),
				// The store keeps milliseconds; the user reads the same before and after it is stored.
				clock.instant().truncatedTo(ChronoUnit.MILLIS), 0, first);
		if (first) {
			if (users.addFirst(user)) {
				return user;
			}
			// Another first sign-up came at the same moment and won: this one is an ordinary one, under the mode.
			return signUp(username, password, invite);
		}
		if (mode == SignUpMode.INVITE) {
			invitations.redeem(invite, username, () -> users.add(user));
		}
		else {
			users.add(user);
		}
		return user;
	}

	/**
	 * Replaces the password of the signed-in user and ends every token and session they had (this one too:
	 * the caller signs them in again). A wrong current password counts as a failed sign-in.
	 *
	 * @throws InvalidAccountException for a wrong current password ({@code currentPassword}) or a new one
	 *         that breaks a rule ({@code newPassword})
	 */
	public User changePassword(String userId, String currentPassword, String newPassword, String clientAddress) {
		User user = confirm(userId, currentPassword, clientAddress);
		passwordProblem(newPassword, user.username()).ifPresent(problem -> {
			throw new InvalidAccountException("newPassword", problem);
		});
		User changed = user.withPassword(passwords.encode(newPassword));
		users.update(changed);
		generations.forget(userId);
		return changed;
	}

	/**
	 * The signed-in user, once their password is confirmed (before a change that cannot be undone).
	 *
	 * @throws InvalidAccountException ({@code currentPassword}) when it is wrong
	 * @throws BadCredentialsException when the account no longer exists
	 */
	/** The account is gone: its tokens are refused here from now on. */
	void closed(String userId) {
		generations.forget(userId);
	}

	User confirm(String userId, String password, String clientAddress) {
		User user = users.findById(userId).orElseThrow(BadCredentialsException::new);
		throttle.check(user.username(), clientAddress);
		if (!passwords.matches(password == null ? "" : password, user.passwordHash())) {
			throttle.failed(user.username(), clientAddress);
			throw new InvalidAccountException("currentPassword", "The current password is not right.");
		}
		return user;
	}

	private static Optional<String> passwordProblem(String password, String username) {
		if (password == null || password.length() < MIN_PASSWORD) {
			return Optional.of("The password must be at least " + MIN_PASSWORD + " characters.");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
			return Optional.of("The password must be at most " + MAX_PASSWORD_BYTES + " bytes.");
		}
		return WeakPasswords.reason(password, username);
	}

	/**
	 * @throws TooManyAttemptsException when the username or the client address is locked out
	 * @throws BadCredentialsException when the username is unknown or the password is wrong
	 */
	public User authenticate(String username, String password, String clientAddress) {
		String name = username == null ? "" : username;
		throttle.check(name, clientAddress);
		User user = users.findByUsername(name).orElse(null);
		String candidate = password == null ? "" : password;
		boolean matches = passwords.matches(candidate, user == null ? decoyHash : user.passwordHash());
		// A disabled account is refused like a wrong password: the form says no more to whoever tries it.
		if (user == null || !matches || user.disabled()) {
			throttle.failed(name, clientAddress);
			throw new BadCredentialsException();
		}
		throttle.succeeded(name, clientAddress);
		return user;
	}
}
