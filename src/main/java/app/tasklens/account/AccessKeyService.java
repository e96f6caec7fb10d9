package app.tasklens.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Creates, lists and revokes a user's access keys, and opens a key's secret for the signature check. The
 * secret is returned once, when the key is made; after that only its owner's requests signed with it
 * show that somebody still has it.
 */
@Service
public class AccessKeyService {

	/** AWS lets an IAM user have 2; a few more let a user rotate keys of several applications. */
	public static final int MAX_KEYS_PER_USER = 10;
	private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

	private final AccessKeys keys;
	private final SecretSeal seal;
	private final Clock clock;
	private final SecureRandom random = new SecureRandom();

	AccessKeyService(AccessKeys keys, SecretSeal seal, Clock clock) {
		this.keys = keys;
		this.seal = seal;
		this.clock = clock;
	}

	/** A key as its owner sees it in a list: no secret. */
	public record KeyInfo(String accessKeyId, Instant createdAt) {
	}

	/** A new key with its secret, to be shown once. */
	public record NewKey(String accessKeyId, String secretAccessKey, Instant createdAt) {
		@Override
		public String toString() {
			return "NewKey[accessKeyId=" + accessKeyId + ", createdAt=" + createdAt + "]";
		}
	}

	/** A key whose secret a request's signature is checked with. */
	public record SigningKey(String accessKeyId, String ownerId, String secret) {
		@Override
		public String toString() {
			return "SigningKey[accessKeyId=" + accessKeyId + ", ownerId=" + ownerId + "]";
		}
	}

	/** @throws TooManyAccessKeysException when the user has {@value #MAX_KEYS_PER_USER} already */
	public NewKey create(String ownerId) {
		if (keys.listByOwner(ownerId).size() >= MAX_KEYS_PER_USER) {
			throw new TooManyAccessKeysException(MAX_KEYS_PER_USER);
		}
		String id = AccessKey.PREFIX + base32(10);
		// 30 random bytes are 40 base64 characters, the length of AWS's secrets.
		byte[] secretBytes = new byte[30];
		random.nextBytes(secretBytes);
		String secret = Base64.getEncoder().encodeToString(secretBytes);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		keys.add(new AccessKey(id, ownerId, seal.seal(id, secret), now));
		return new NewKey(id, secret, now);
	}

	public List<KeyInfo> list(String ownerId) {
		return keys.listByOwner(ownerId).stream().map(key -> new KeyInfo(key.id(), key.createdAt())).toList();
	}

	/** @throws AccessKeyNotFoundException when the user has no such key */
	public void revoke(String ownerId, String accessKeyId) {
		if (!AccessKey.isWellFormedId(accessKeyId) || !keys.remove(ownerId, accessKeyId)) {
			throw new AccessKeyNotFoundException();
		}
	}

	/** The key and its opened secret; empty for an id that was never made or has been revoked. */
	public Optional<SigningKey> signingKey(String accessKeyId) {
		if (!AccessKey.isWellFormedId(accessKeyId)) {
			return Optional.empty();
		}
		return keys.findById(accessKeyId)
			.map(key -> new SigningKey(key.id(), key.ownerId(), seal.open(key.id(), key.sealedSecret())));
	}

	/** Inside the transaction that deletes the account: its keys stop working with it. */
	@EventListener
	void on(AccountClosing closing) {
		keys.listByOwner(closing.userId()).forEach(key -> keys.remove(closing.userId(), key.id()));
	}

	private String base32(int bytes) {
		byte[] raw = new byte[bytes];
		random.nextBytes(raw);
		StringBuilder out = new StringBuilder();
		int buffer = 0;
		int bits = 0;
		for (byte b : raw) {
			buffer = buffer << 8 | b & 0xff;
			bits += 8;
			while (bits >= 5) {
				out.append(BASE32[buffer >> bits - 5 & 31]);
				bits -= 5;
			}
		}
		return out.toString();
	}

	/** The sealing key: {@link ServerKey#ACCESS_KEY_SECRETS}, kept as the token key is. */
	@Configuration(proxyBeanMethods = false)
	static class Keys {

		@Bean
		SecretSeal accessKeySeal(KeyRing keys) {
			return new SecretSeal(keys.key(ServerKey.ACCESS_KEY_SECRETS));
		}
	}
}
