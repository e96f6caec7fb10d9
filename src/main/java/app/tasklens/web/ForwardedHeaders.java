package app.tasklens.web;

import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Reads {@code X-Forwarded-For} and {@code X-Forwarded-Proto} from the configured proxies only
 * ({@link ProxySettings}). Spring Boot's own handling ({@code server.forward-headers-strategy=native}) trusts
 * every loopback and private address, so anyone on the same network could rotate the header to dodge the
 * per-address sign-in limit; it is off ({@code none}) and this valve takes its place.
 */
@Component
class ForwardedHeaders implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

	private final ProxySettings settings;

	ForwardedHeaders(ProxySettings settings) {
		this.settings = settings;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		if (settings.trustedProxies().isEmpty()) {
			return;
		}
		RemoteIpValve valve = new RemoteIpValve();
		valve.setInternalProxies(settings.pattern());
		valve.setRemoteIpHeader("X-Forwarded-For");
		valve.setProtocolHeader("X-Forwarded-Proto");
		factory.addEngineValves(valve);
	}
}
