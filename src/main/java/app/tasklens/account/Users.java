package app.tasklens.account;

import java.util.Optional;

/** The user accounts (port). */
public interface Users {

	/** @throws UsernameTakenException when another account has the same username, in any case */
	void add(User user);

	Optional<User> findByUsername(String username);

	Optional<User> findById(String id);

	/**
	 * Stores the password hash, token generation, admin and disabled flags of an existing account (id and
	 * username stay).
	 */
	void update(User user);

	/** Deletes the account; its tasks must be gone first (the account's use case removes them). */
	void remove(String id);

	/** Whether any account exists: the first one made is the operator's. */
	boolean any();
}
