package app.tasklens.adapter.rekognition;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/**
 * DetectLabels load on a Rekognition-API endpoint for {@code ./tasklens bench-rekognition}: one AWS SDK for
 * Java v2 client per access key, each making one call at a time, retries off (a refused call counts as
 * failed, not as a slower success). It lives here because only adapters talk to AWS's SDK.
 */
public final class RekognitionLoad implements AutoCloseable {

	public record Key(String accessKeyId, String secretAccessKey) {
	}

	/** A round's calls a second (wall time from the first call to the last answer) and its failed calls. */
	public record Round(double requestsPerSecond, long failures) {
	}

	private final List<RekognitionClient> clients = new ArrayList<>();
	private final ExecutorService pool;

	public RekognitionLoad(URI endpoint, List<Key> keys) {
		for (Key key : keys) {
			clients.add(RekognitionClient.builder()
				.httpClientBuilder(UrlConnectionHttpClient.builder())
				.endpointOverride(endpoint)
				.region(Region.US_EAST_1)
				.credentialsProvider(StaticCredentialsProvider.create(
						AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
				.overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
				.build());
		}
		pool = Executors.newFixedThreadPool(keys.size());
	}

	/** {@code count} DetectLabels calls on {@code images} (the list over and over), shared by the clients. */
	public Round detectLabels(List<byte[]> images, int count) throws Exception {
		AtomicInteger next = new AtomicInteger();
		AtomicLong failures = new AtomicLong();
		long start = System.nanoTime();
		List<Future<?>> running = new ArrayList<>();
		for (RekognitionClient client : clients) {
			running.add(pool.submit(() -> {
				for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
					SdkBytes image = SdkBytes.fromByteArray(images.get(i % images.size()));
					try {
						client.detectLabels(request -> request.image(picture -> picture.bytes(image)));
					}
					catch (RuntimeException ex) {
						if (failures.getAndIncrement() == 0) {
							System.err.println("bench-rekognition: a call failed: " + ex.getMessage());
						}
					}
				}
			}));
		}
		for (Future<?> client : running) {
			client.get();
		}
		return new Round(count / ((System.nanoTime() - start) / 1e9), failures.get());
	}

	@Override
	public void close() {
		pool.shutdownNow();
		clients.forEach(RekognitionClient::close);
	}
}
