package app.tasklens.account;

/**
 * Where the secret keys are kept (port): generated once and then the same for every node that shares the
 * store, so that a token, cursor or upload URL one node made works on all. The JDBC adapter keeps them in
 * the database; a store without one (DynamoDB) keeps them in the data folder.
 */
public interface ServerKeys {

	/**
	 * The key's {@link ServerKey#BYTES} bytes: the stored one, or, when none is stored yet, one made now and
	 * stored unless another node stored its own first, in which case that one is returned. Every caller gets
	 * the same bytes.
	 */
	byte[] key(ServerKey key);
}
