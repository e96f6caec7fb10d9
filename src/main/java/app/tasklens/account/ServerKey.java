package app.tasklens.account;

/**
 * The secret keys a node signs and seals with. Each has the file name it had in {@code <data>/keys/}
 * before keys moved into the database (imported from there once) and the name it is stored and derived under.
 */
public enum ServerKey {

	/** HS256 of API bearer tokens. */
	TOKENS("jwt-hs256.key", "jwt-hs256"),
	/** HMAC of the task list's cursors. */
	CURSORS("cursor-hmac.key", "task-cursor"),
	/** AES-256-GCM of access-key secrets. */
	ACCESS_KEY_SECRETS("access-keys-aes256.key", "access-keys-aes256"),
	/** HMAC of the local file store's upload URLs. */
	UPLOADS("upload-hmac.key", "upload-hmac");

	/** Every key has 256 bits. */
	public static final int BYTES = 32;

	private final String fileName;
	private final String id;

	ServerKey(String fileName, String id) {
		this.fileName = fileName;
		this.id = id;
	}

	/** Its file in {@code <data>/keys/}. */
	public String fileName() {
		return fileName;
	}

	/** Its name in the database and under {@code tasklens.keys.secret}. */
	public String id() {
		return id;
	}
}
