package app.tasklens.web.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Event ids where nodes share the live event log: the log's sequence, so that every node knows where a client
 * stopped. The sequence counts every user's events, so it is AES-encrypted as one block (eight zero bytes, then
 * the sequence) under a key all nodes derive from the shared cursor key: an id tells a user nothing about other
 * users' activity, and one that was not made by a node fails the zero check.
 */
final class SharedEventIds {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final SecretKeySpec key;

	SharedEventIds(byte[] serverKey) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(serverKey, "HmacSHA256"));
			byte[] derived = mac.doFinal("live-event-ids".getBytes(StandardCharsets.US_ASCII));
			this.key = new SecretKeySpec(Arrays.copyOf(derived, 16), "AES");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	String idOf(long sequence) {
		byte[] block = ByteBuffer.allocate(16).putLong(0).putLong(sequence).array();
		return ENCODER.encodeToString(crypt(Cipher.ENCRYPT_MODE, block));
	}

	/** The sequence an id of {@link #idOf} holds, or -1 for anything else. */
	long sequenceOf(String id) {
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(id);
		}
		catch (IllegalArgumentException ex) {
			return -1;
		}
		if (bytes.length != 16) {
			return -1;
		}
		ByteBuffer block = ByteBuffer.wrap(crypt(Cipher.DECRYPT_MODE, bytes));
		return block.getLong() == 0 ? Math.max(-1, block.getLong()) : -1;
	}

	private byte[] crypt(int mode, byte[] block) {
		try {
			Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
			cipher.init(mode, key);
			return cipher.doFinal(block);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES is part of every JDK", ex);
		}
	}
}
