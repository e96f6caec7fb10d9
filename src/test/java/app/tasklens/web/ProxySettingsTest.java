package app.tasklens.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The trusted proxies become the exact-match pattern Tomcat checks the peer's address against. */
class ProxySettingsTest {

	@Test
	void onlyTheListedAddressesAreTrusted() {
		Pattern trusted = Pattern.compile(new ProxySettings(List.of("10.0.0.5", "::1")).pattern());

		assertThat(trusted.matcher("10.0.0.5").matches()).isTrue();
		assertThat(trusted.matcher("::1").matches()).isTrue();
		assertThat(trusted.matcher("10.0.0.50").matches()).isFalse();
		assertThat(trusted.matcher("10.0.0x5").matches()).as("dots are literal").isFalse();
		assertThat(trusted.matcher("127.0.0.1").matches()).isFalse();
	}

	@Test
	void somethingThatIsNotAnAddressIsRefusedAtStart() {
		assertThatThrownBy(() -> new ProxySettings(List.of("10.0.0.0/8"))).hasMessageContaining("not an IP address");
		assertThatThrownBy(() -> new ProxySettings(List.of(".*"))).hasMessageContaining("not an IP address");
	}
}
