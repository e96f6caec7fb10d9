package app.tasklens.account;

import java.util.Optional;

/** The user accounts (port). */
public interface Users {

	/** @throws UsernameTakenException when another account has the same username, in any case */
	void add(User user);

	Optional<User> findByUsername(String username);

	Optional<User> findById(String id);
}
