package app.tasklens.task;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import app.tasklens.account.KeyRing;
import app.tasklens.account.ServerKey;

/**
 * Makes the cursors clients see opaque and tamper-proof: a store's cursor (a position in the list) followed by
 * an HMAC-SHA256 over the user's id and that position, so that a cursor works only for the user it was made for
 * and only as this server made it. The key is {@link ServerKey#CURSORS}, the same on every node and Lambda
 * instance, so that each accepts the others' cursors.
 *
 * <p>Form: {@code <store's cursor>.<base64url of the first 16 bytes of the MAC>}.
 */
@Component
public class CursorSeal {

	private static final String ALGORITHM = "HmacSHA256";
	private static final int MAC_BYTES = 16;
	/** Far longer than any cursor a store makes; junk is refused before it is decoded. */
	private static final int MAX_LENGTH = 512;

	private static final String TASKS = "tasks";

	private final SecretKeySpec key;

	@Autowired
	CursorSeal(KeyRing keys) {
		this(keys.key(ServerKey.CURSORS));
	}

	/** Under {@code key} (32 bytes); for tests and slices that have no data directory. */
	public CursorSeal(byte[] key) {
		this.key = new SecretKeySpec(key, ALGORITHM);
	}

	/** The cursor {@code ownerId}'s client gets; {@code null} (the last page) stays {@code null}. */
	String seal(String ownerId, String cursor) {
		return seal(TASKS, ownerId, cursor);
	}

	/**
	 * A cursor of another list than the tasks ({@code list}, such as "images"), sealed for {@code ownerId} and
	 * that list: one list's cursor does not open as another's.
	 */
	public String seal(String list, String ownerId, String cursor) {
		return cursor == null ? null
				: cursor + "." + new String(encodedMac(list, ownerId, cursor), StandardCharsets.US_ASCII);
	}

	/**
	 * The store's cursor inside a cursor {@link #seal(String, String, String) sealed} for {@code list} and
	 * {@code ownerId}.
	 *
	 * @throws InvalidCursorException for any other text
	 */
	public String open(String list, String ownerId, String sealed) {
		int dot = sealed == null || sealed.length() > MAX_LENGTH ? -1 : sealed.lastIndexOf('.');
		if (dot < 0) {
			throw new InvalidCursorException();
		}
		String cursor = sealed.substring(0, dot);
		// Compared as text: only the one spelling this server writes is accepted.
		byte[] given = sealed.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(given, encodedMac(list, ownerId, cursor))) {
			throw new InvalidCursorException();
		}
		return cursor;
	}

	/**
	 * The position a sealed cursor names.
	 *
	 * @throws InvalidCursorException when the text was not sealed by this server for {@code ownerId}
	 */
	TaskQuery.Cursor open(String ownerId, String sealed) {
		String cursor = open(TASKS, ownerId, sealed);
		try {
			return TaskQuery.Cursor.parse(cursor);
		}
		catch (InvalidTaskException ex) {
			throw new InvalidCursorException();
		}
	}

	private byte[] encodedMac(String list, String ownerId, String cursor) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			// Neither the list's name nor the owner's id holds a newline, so the parts cannot be shifted into each other.
			byte[] full = mac.doFinal((list + "\n" + ownerId + "\n" + cursor).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encode(Arrays.copyOf(full, MAC_BYTES));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ALGORITHM + " is missing from this JVM", ex);
		}
	}
}
