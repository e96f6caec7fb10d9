package app.tasklens.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Service;

/**
 * Issues the API's bearer tokens: HS256-signed JWTs whose subject is the user id, valid for
 * {@link AccountSettings#tokenLifetime()}.
 */
@Service
public class TokenService {

	static final String ISSUER = "tasklens";
	/** The claim that holds the account's token generation; a password change makes older tokens stale. */
	public static final String GENERATION = "gen";
	/** Clocks of nodes and clients differ by a second or two at most; more would stretch every token's life. */
	static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

	private final JwtEncoder encoder;
	private final AccountSettings settings;
	private final Clock clock;

	TokenService(JwtEncoder encoder, AccountSettings settings, Clock clock) {
		this.encoder = encoder;
		this.settings = settings;
		this.clock = clock;
	}

	public Token issue(User user) {
		Instant now = clock.instant();
		Instant expiresAt = now.plus(settings.tokenLifetime());
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject(user.id())
			.claim("name", user.username())
			.claim(GENERATION, user.tokenGeneration())
			.issuedAt(now)
			.expiresAt(expiresAt)
			.build();
		JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
		return new Token(encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue(), expiresAt);
	}

	public record Token(String token, Instant expiresAt) {
	}

	/**
	 * The signing key is {@link ServerKey#TOKENS}, the same on every node; the decoder accepts HS256 only (never
	 * {@code alg: none}).
	 */
	@Configuration(proxyBeanMethods = false)
	static class Keys {

		@Bean
		SecretKey tokenSigningKey(KeyRing keys) {
			return new SecretKeySpec(keys.key(ServerKey.TOKENS), "HmacSHA256");
		}

		@Bean
		JwtEncoder jwtEncoder(SecretKey tokenSigningKey) {
			return NimbusJwtEncoder.withSecretKey(tokenSigningKey).algorithm(MacAlgorithm.HS256).build();
		}

		/**
		 * Besides the signature: {@code exp} and {@code iss} are required, {@code exp} and {@code nbf} are
		 * checked with {@link #CLOCK_SKEW} on the application's clock, and the subject must be an account whose
		 * token generation is the token's (the account still exists and its password has not changed since).
		 * That last check is {@link TokenGenerations}'.
		 */
		@Bean
		JwtDecoder jwtDecoder(SecretKey tokenSigningKey, TokenGenerations generations, Clock clock) {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(tokenSigningKey).macAlgorithm(MacAlgorithm.HS256)
				.build();
			JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
			timestamps.setClock(clock);
			decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
					new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
					new JwtIssuerValidator(ISSUER),
					timestamps,
					jwt -> current(generations, jwt) ? OAuth2TokenValidatorResult.success()
							: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
									"the token's account does not exist or its password has changed since", null))));
			return decoder;
		}

		private static boolean current(TokenGenerations generations, Jwt jwt) {
			Object generation = jwt.getClaims().get(GENERATION);
			return jwt.getSubject() != null && generation instanceof Number number
					&& generations.current(jwt.getSubject(), number.longValue());
		}
	}
}
