package app.tasklens.web;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which peers may tell the client's address and scheme in {@code X-Forwarded-For} and
 * {@code X-Forwarded-Proto}.
 *
 * @param trustedProxies the IP addresses of the reverse proxies in front of this server, exactly as the
 *        server sees them (such as {@code 127.0.0.1} or {@code 10.0.0.5}); none by default, so a client
 *        cannot pick the address that sign-in limits count it under by sending the header itself
 */
@ConfigurationProperties("tasklens.web")
record ProxySettings(@DefaultValue List<String> trustedProxies) {

	private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

	ProxySettings {
		for (String address : trustedProxies) {
			if (!ADDRESS.matcher(address).matches()) {
				throw new IllegalArgumentException("tasklens.web.trusted-proxies: '" + address
						+ "' is not an IP address (give each proxy's address; ranges are not supported)");
			}
		}
	}

	/** The addresses as the one regular expression Tomcat's RemoteIpValve matches peers against. */
	String pattern() {
		return trustedProxies.stream().map(Pattern::quote).collect(Collectors.joining("|"));
	}
}
