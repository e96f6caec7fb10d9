package app.tasklens.account;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * An access key of a user, for clients that sign their requests with AWS Signature Version 4 (the
 * Rekognition-compatible endpoint). The id is public, like AWS's {@code AKIA…}; the secret is kept only
 * sealed ({@link SecretSeal}), because a SigV4 server needs the secret itself to check an HMAC, so a hash
 * will not do.
 *
 * @param id {@value #PREFIX} and 16 characters of A–Z and 2–7 (80 random bits), 20 in all as AWS's ids
 * @param sealedSecret the secret as {@link SecretSeal} sealed it under this id
 */
public record AccessKey(String id, String ownerId, String sealedSecret, Instant createdAt) {

	static final String PREFIX = "TLAK";
	private static final Pattern ID = Pattern.compile(PREFIX + "[A-Z2-7]{16}");

	/** Whether {@code value} has the shape of an id this server makes; anything else is not looked up. */
	public static boolean isWellFormedId(String value) {
		return value != null && ID.matcher(value).matches();
	}

	@Override
	public String toString() {
		return "AccessKey[id=" + id + ", ownerId=" + ownerId + ", createdAt=" + createdAt + "]";
	}
}
