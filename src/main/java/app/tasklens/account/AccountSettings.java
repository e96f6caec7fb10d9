package app.tasklens.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in settings.
 *
 * @param tokenLifetime how long an API token stays valid
 * @param maxFailedSignIns failures of one username from one client address before that pair waits
 *        {@code lockout} (each further run of as many failures doubles the wait)
 * @param maxFailedSignInsPerAddress failures of any usernames from one client address, each within
 *        {@code lockout} of the previous one, before that address waits {@code lockout}
 * @param lockout the first wait of a pair, and the wait and memory of an address
 */
@ConfigurationProperties("tasklens.account")
public record AccountSettings(
		@DefaultValue("12h") Duration tokenLifetime,
		@DefaultValue("5") int maxFailedSignIns,
		@DefaultValue("100") int maxFailedSignInsPerAddress,
		@DefaultValue("15m") Duration lockout) {
}
