package app.tasklens.account;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
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
			.issuedAt(now)
			.expiresAt(expiresAt)
			.build();
		JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
		return new Token(encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue(), expiresAt);
	}

	public record Token(String token, Instant expiresAt) {
	}

	/**
	 * The signing key lives in the data directory, or is derived from {@code tasklens.keys.secret} when one is
	 * given (every Lambda instance has its own {@code /tmp}); the decoder accepts HS256 only (never
	 * {@code alg: none}).
	 */
	@Configuration(proxyBeanMethods = false)
	static class Keys {

		@Bean
		SecretKey tokenSigningKey(@Value("${tasklens.data-dir}") Path dataDir,
				@Value("${tasklens.keys.secret:}") String secret) {
			byte[] key = secret.isBlank() ? KeyFile.loadOrCreate(dataDir, "jwt-hs256.key", 32)
					: KeyFile.derive(secret, "jwt-hs256", 32);
			return new SecretKeySpec(key, "HmacSHA256");
		}

		@Bean
		JwtEncoder jwtEncoder(SecretKey tokenSigningKey) {
			return NimbusJwtEncoder.withSecretKey(tokenSigningKey).algorithm(MacAlgorithm.HS256).build();
		}

		@Bean
		JwtDecoder jwtDecoder(SecretKey tokenSigningKey) {
			return NimbusJwtDecoder.withSecretKey(tokenSigningKey).macAlgorithm(MacAlgorithm.HS256).build();
		}
	}
}
