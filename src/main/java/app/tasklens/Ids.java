package app.tasklens;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random, unguessable identifiers: 128 bits from {@link SecureRandom}, base64url without padding
 * (22 characters of {@code A-Z a-z 0-9 - _}), safe in URLs, file names and object keys.
 */
public final class Ids {

	private static final SecureRandom RANDOM = new SecureRandom();
	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private Ids() {
	}

	public static String random() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return ENCODER.encodeToString(bytes);
	}

	/** True when {@code value} has the shape of an id made by {@link #random()}. */
	public static boolean isWellFormed(String value) {
		return value != null && value.matches("[A-Za-z0-9_-]{22}");
	}
}
