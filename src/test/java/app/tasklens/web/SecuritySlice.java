package app.tasklens.web;

import java.security.SecureRandom;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The product's security chains for web slice tests, which leave configuration classes out: import it
 * into a {@code @WebMvcTest} and sign requests in with {@code SecurityMockMvcRequestPostProcessors.jwt()}.
 * The token key is a throwaway; slices never see a real token.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityConfiguration.class)
public class SecuritySlice {

	@Bean
	JwtDecoder jwtDecoder() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256")).macAlgorithm(MacAlgorithm.HS256)
			.build();
	}
}
