package app.tasklens.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-up settings.
 *
 * @param signUp who may make an account ({@code open}, {@code invite} or {@code closed})
 * @param inviteLifetime how long an invite link can be used after it was made
 */
@ConfigurationProperties("tasklens.account")
public record SignUpSettings(
		@DefaultValue("open") SignUpMode signUp,
		@DefaultValue("7d") Duration inviteLifetime) {

	public SignUpSettings {
		if (inviteLifetime.isNegative() || inviteLifetime.isZero()) {
			throw new IllegalArgumentException("tasklens.account.invite-lifetime must be positive");
		}
	}
}
