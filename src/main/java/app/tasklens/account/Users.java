package app.tasklens.account;

import java.util.Optional;

/** The user accounts (port). */
public interface Users {

	/** @throws UsernameTakenException when another account has the same username, in any case */
	void add(User user);

	/**
	 * Adds the first account of the server (its admin) unless a first account was added meanwhile: of several
	 * first sign-ups at the same moment, on any number of nodes, exactly one is added.
	 *
	 * @return false, with nothing stored, when another first account is there already
	 * @throws UsernameTakenException when another account has the same username, in any case
	 */
	boolean addFirst(User user);

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
