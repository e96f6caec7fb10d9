package app.tasklens.account;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The keys this node signs with: derived from {@code tasklens.keys.secret} when one is given (every Lambda
 * instance gets the same secret and has no shared folder), otherwise the ones {@link ServerKeys} keeps.
 */
@Component
public class KeyRing {

	private final String secret;
	private final ServerKeys stored;

	KeyRing(@Value("${tasklens.keys.secret:}") String secret, ServerKeys stored) {
		this.secret = secret;
		this.stored = stored;
	}

	public byte[] key(ServerKey key) {
		return secret.isBlank() ? stored.key(key) : KeyFile.derive(secret, key.id(), ServerKey.BYTES);
	}
}
