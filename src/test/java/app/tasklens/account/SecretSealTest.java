package app.tasklens.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class SecretSealTest {

	private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
	private final SecretSeal seal = new SecretSeal(filled(7));

	@Test
	void aSealedSecretOpensUnderItsKeyIdAndDoesNotShowTheSecret() {
		String sealed = seal.seal("TLAKAAAAAAAAAAAAAAAA", SECRET);

		assertThat(sealed).doesNotContain(SECRET).doesNotContain("EXAMPLEKEY");
		assertThat(new String(Base64.getDecoder().decode(sealed), java.nio.charset.StandardCharsets.ISO_8859_1))
			.doesNotContain("EXAMPLEKEY");
		assertThat(seal.open("TLAKAAAAAAAAAAAAAAAA", sealed)).isEqualTo(SECRET);
		assertThat(seal.seal("TLAKAAAAAAAAAAAAAAAA", SECRET)).as("a fresh nonce each time").isNotEqualTo(sealed);
	}

	@Test
	void itDoesNotOpenUnderAnotherKeyIdAnotherServerKeyOrWhenChanged() {
		String sealed = seal.seal("TLAKAAAAAAAAAAAAAAAA", SECRET);

		assertThatThrownBy(() -> seal.open("TLAKBBBBBBBBBBBBBBBB", sealed)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> new SecretSeal(filled(8)).open("TLAKAAAAAAAAAAAAAAAA", sealed))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("does not open");
		byte[] bytes = Base64.getDecoder().decode(sealed);
		bytes[bytes.length - 1] ^= 1;
		String changed = Base64.getEncoder().encodeToString(bytes);
		assertThatThrownBy(() -> seal.open("TLAKAAAAAAAAAAAAAAAA", changed)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> seal.open("TLAKAAAAAAAAAAAAAAAA", "AAAA")).isInstanceOf(IllegalStateException.class);
	}

	private static byte[] filled(int value) {
		byte[] key = new byte[32];
		Arrays.fill(key, (byte) value);
		return key;
	}
}
