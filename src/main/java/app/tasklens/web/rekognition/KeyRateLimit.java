package app.tasklens.web.rekognition;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per access key: {@code perSecond} tokens a second, at most {@code perSecond} saved up, one
 * per call. Keys are few (ten a user at most), so the buckets are simply kept; a revoked key's bucket is
 * never asked again.
 */
final class KeyRateLimit {

	private final double perSecond;
	private final Clock clock;
	private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	KeyRateLimit(int perSecond, Clock clock) {
		this.perSecond = perSecond;
		this.clock = clock;
	}

	/** Takes a token of the key's bucket; false when it is empty. */
	boolean tryTake(String accessKeyId) {
		return buckets.computeIfAbsent(accessKeyId, id -> new Bucket(perSecond, clock.millis()))
			.tryTake(perSecond, clock.millis());
	}

	private static final class Bucket {
		private double tokens;
		private long at;

		Bucket(double tokens, long at) {
			this.tokens = tokens;
			this.at = at;
		}

		synchronized boolean tryTake(double perSecond, long now) {
			tokens = Math.min(perSecond, tokens + Math.max(0, now - at) * perSecond / 1000);
			at = Math.max(at, now);
			if (tokens < 1) {
				return false;
			}
			tokens -= 1;
			return true;
		}
	}
}
