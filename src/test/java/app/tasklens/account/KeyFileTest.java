package app.tasklens.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyFileTest {

	private static final String SECRET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH";

	@Test
	void everyInstanceGivenTheSecretDerivesTheSameKeyAndEachNameItsOwn() {
		byte[] one = KeyFile.derive(SECRET, "jwt-hs256", 32);

		assertThat(KeyFile.derive(SECRET, "jwt-hs256", 32)).isEqualTo(one).hasSize(32);
		assertThat(KeyFile.derive(SECRET, "upload-hmac", 32)).isNotEqualTo(one);
		assertThat(KeyFile.derive(SECRET.replace('0', '1'), "jwt-hs256", 32)).isNotEqualTo(one);
	}

	@Test
	void aShortSecretIsRefused() {
		assertThatThrownBy(() -> KeyFile.derive("short", "jwt-hs256", 32)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("at least 32 characters");
	}
}
