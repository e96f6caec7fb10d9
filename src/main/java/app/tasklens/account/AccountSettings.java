package app.tasklens.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in settings.
 *
 * @param tokenLifetime how long an API token stays valid
 * @param maxFailedSignIns failures allowed per username and per client address within {@code lockout}
 * @param lockout the sliding window of failures, and how long sign-in stays refused once it is exceeded
 */
@ConfigurationProperties("tasklens.account")
public record AccountSettings(
		@DefaultValue("12h") Duration tokenLifetime,
		@DefaultValue("5") int maxFailedSignIns,
		@DefaultValue("15m") Duration lockout) {
}
