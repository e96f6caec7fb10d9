package app.tasklens.account;

import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * An account's standing, as an admin changes it: admin or not, disabled or not. Who may change it is the
 * admin use case's rule ({@code admin.Administration}); this only changes and stores it.
 */
@Service
public class AccountStanding {

	private final Users users;
	private final TokenGenerations generations;

	public AccountStanding(Users users, TokenGenerations generations) {
		this.users = users;
		this.generations = generations;
	}

	/** @return the account as stored now; empty when there is no such account */
	public Optional<User> setAdmin(String userId, boolean admin) {
		return users.findById(userId).map(user -> store(user.withAdmin(admin)));
	}

	/**
	 * Disabling ends the account's sessions and tokens at once on this node (within a second on others) and
	 * refuses its sign-ins; enabling lets it sign in again.
	 *
	 * @return the account as stored now; empty when there is no such account
	 */
	public Optional<User> setDisabled(String userId, boolean disabled) {
		return users.findById(userId).map(user -> store(user.withDisabled(disabled)));
	}

	private User store(User user) {
		users.update(user);
		generations.forget(user.id());
		return user;
	}
}
