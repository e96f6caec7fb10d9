package app.tasklens.account;

import java.util.List;
import java.util.Optional;

/** The users' access keys (port). */
public interface AccessKeys {

	void add(AccessKey key);

	Optional<AccessKey> findById(String id);

	/** The owner's keys, oldest first. */
	List<AccessKey> listByOwner(String ownerId);

	/** Deletes the key if it is the owner's; false when the owner has no such key. */
	boolean remove(String ownerId, String id);
}
