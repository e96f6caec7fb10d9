package app.tasklens.adapter.localfs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import app.tasklens.Ids;
import app.tasklens.account.KeyRing;
import app.tasklens.account.ServerKey;
import app.tasklens.attachment.ImageType;
import app.tasklens.attachment.ObjectKey;
import app.tasklens.attachment.UploadGrant;
import app.tasklens.attachment.UploadUrlRejectedException;

/**
 * Upload tickets: an {@link UploadGrant} in a URL path segment, signed with HMAC-SHA256 under
 * {@link ServerKey#UPLOADS}, the same on every node. A ticket proves what the server allowed; whether
 * it was already used is decided by the attachment it names (it takes bytes only while it waits for
 * them).
 *
 * <p>Form: {@code base64url(payload) "." base64url(mac)}, payload
 * {@code 2|attachment|owner|task|TYPE|maxBytes|declaredSize or -|expiresAtMillis}. Tickets of version 1
 * (which named a one-time nonce) are no longer accepted; they lived 15 minutes.
 */
@Component
class UploadTickets {

	private static final String ALGORITHM = "HmacSHA256";
	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
	/** Far longer than any real ticket; refuses to decode megabytes of junk. */
	private static final int MAX_LENGTH = 1024;

	private final SecretKeySpec key;

	@Autowired
	UploadTickets(KeyRing keys) {
		this(keys.key(ServerKey.UPLOADS));
	}

	UploadTickets(byte[] key) {
		this.key = new SecretKeySpec(key, ALGORITHM);
	}

	String sign(UploadGrant grant) {
		String payload = String.join("|", "2", grant.attachmentId(), grant.ownerId(), grant.taskId(),
				grant.type().name(), Long.toString(grant.maxBytes()),
				grant.declaredSize() == null ? "-" : Long.toString(grant.declaredSize()),
				Long.toString(grant.expiresAt().toEpochMilli()));
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
	}

	/**
	 * The grant of a ticket this server signed and that has not expired at {@code now}.
	 *
	 * @throws UploadUrlRejectedException when the ticket is malformed, tampered with or expired
	 */
	UploadGrant verify(String ticket, Instant now) {
		UploadGrant grant = decode(ticket);
		if (!now.isBefore(grant.expiresAt())) {
			throw new UploadUrlRejectedException("this upload URL has expired");
		}
		return grant;
	}

	private UploadGrant decode(String ticket) {
		UploadUrlRejectedException invalid = new UploadUrlRejectedException("this upload URL is not valid");
		if (ticket == null || ticket.length() > MAX_LENGTH) {
			throw invalid;
		}
		int dot = ticket.indexOf('.');
		if (dot < 0) {
			throw invalid;
		}
		byte[] payload;
		byte[] signature;
		try {
			payload = DECODER.decode(ticket.substring(0, dot));
			signature = DECODER.decode(ticket.substring(dot + 1));
		}
		catch (IllegalArgumentException ex) {
			throw invalid;
		}
		if (!MessageDigest.isEqual(mac(payload), signature)) {
			throw invalid;
		}
		String[] fields = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
		if (fields.length != 8 || !fields[0].equals("2")) {
			throw invalid;
		}
		try {
			String attachment = fields[1], owner = fields[2], task = fields[3];
			if (!Ids.isWellFormed(attachment) || !Ids.isWellFormed(owner) || !Ids.isWellFormed(task)) {
				throw invalid;
			}
			ImageType type = ImageType.valueOf(fields[4]);
			Long declared = fields[6].equals("-") ? null : Long.valueOf(fields[6]);
			return new UploadGrant(attachment, owner, task, new ObjectKey(owner, task, attachment, type).toString(),
					type, Long.parseLong(fields[5]), declared, Instant.ofEpochMilli(Long.parseLong(fields[7])));
		}
		catch (IllegalArgumentException ex) {
			throw invalid;
		}
	}

	private byte[] mac(byte[] payload) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac.doFinal(payload);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}
}
