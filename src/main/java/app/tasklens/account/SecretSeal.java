package app.tasklens.account;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals access-key secrets with AES-256-GCM: a fresh 96-bit nonce per secret, a 128-bit tag, and the
 * access key's id as associated data, so a sealed secret copied onto another key's row does not open. Stored
 * as base64 of {@code nonce ‖ ciphertext ‖ tag}. The key is kept as the token-signing key is
 * ({@link ServerKey#ACCESS_KEY_SECRETS}).
 */
final class SecretSeal {

	private static final int NONCE_BYTES = 12;
	private static final int TAG_BITS = 128;

	private final SecretKeySpec key;
	private final SecureRandom random = new SecureRandom();

	SecretSeal(byte[] key) {
		if (key.length != 32) {
			throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + key.length);
		}
		this.key = new SecretKeySpec(key, "AES");
	}

	String seal(String keyId, String secret) {
		byte[] nonce = new byte[NONCE_BYTES];
		random.nextBytes(nonce);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keyId, nonce);
			byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce)
				.put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM failed", ex);
		}
	}

	/** @throws IllegalStateException when the sealed text was not sealed under this key and id */
	String open(String keyId, String sealed) {
		byte[] bytes = Base64.getDecoder().decode(sealed);
		if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
			throw new IllegalStateException("the sealed secret of access key " + keyId + " is truncated");
		}
		try {
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, keyId, java.util.Arrays.copyOf(bytes, NONCE_BYTES));
			return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (AEADBadTagException ex) {
			throw new IllegalStateException("the secret of access key " + keyId
					+ " does not open with this server's key (was the key file replaced?)", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM failed", ex);
		}
	}

	private Cipher cipher(int mode, String keyId, byte[] nonce) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
		cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
		return cipher;
	}
}
