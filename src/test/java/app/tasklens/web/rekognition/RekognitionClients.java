package app.tasklens.web.rekognition;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.RekognitionClientBuilder;

/**
 * AWS SDK for Java v2 Rekognition clients pointed at a running Tasklens, built as an application would build
 * them (endpoint override, static credentials), with the SDK's retries off so that a test sees the first
 * answer; and one whose signer's clock is shifted, for a request signed at another time.
 */
final class RekognitionClients {

	private RekognitionClients() {
	}

	static RekognitionClient client(int port, String accessKeyId, String secret) {
		return builder(port, accessKeyId, secret).build();
	}

	/** Signs with {@code clock} instead of the system's: an old signature, as from a machine whose clock is off. */
	static RekognitionClient signingAt(Clock clock, int port, String accessKeyId, String secret) {
		return builder(port, accessKeyId, secret).putAuthScheme(new ShiftedSigV4(clock)).build();
	}

	private static RekognitionClientBuilder builder(int port, String accessKeyId, String secret) {
		return RekognitionClient.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.endpointOverride(URI.create("http://localhost:" + port))
			.region(Region.EU_CENTRAL_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
			.overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()));
	}

	/** The SDK's own SigV4 scheme, with the signing clock replaced on each request. */
	private record ShiftedSigV4(Clock clock) implements AwsV4AuthScheme {

		@Override
		public String schemeId() {
			return AwsV4AuthScheme.SCHEME_ID;
		}

		@Override
		public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
			return providers.identityProvider(AwsCredentialsIdentity.class);
		}

		@Override
		public AwsV4HttpSigner signer() {
			AwsV4HttpSigner sdk = AwsV4HttpSigner.create();
			return new AwsV4HttpSigner() {
				@Override
				public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
					return sdk.sign(request.copy(copy -> copy.putProperty(HttpSigner.SIGNING_CLOCK, clock)));
				}

				@Override
				public CompletableFuture<AsyncSignedRequest> signAsync(
						AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
					return sdk.signAsync(request.copy(copy -> copy.putProperty(HttpSigner.SIGNING_CLOCK, clock)));
				}
			};
		}
	}
}
