package app.tasklens.web.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The slowest upload body the server waits for ({@code PUT /api/uploads/…}).
 *
 * @param minRate bytes per second an upload must average once {@code grace} has passed; a slower one is cut
 *        off with 408. 4 KB/s is far below any phone on a poor network, and far above an attack that holds a
 *        request thread with a byte every 2 s
 * @param grace how long a body may be slow at first (a connection warming up, a phone waking its radio)
 */
@ConfigurationProperties("tasklens.uploads")
record UploadRateSettings(@DefaultValue("4KB") DataSize minRate, @DefaultValue("10s") Duration grace) {

	UploadRateSettings {
		if (minRate.toBytes() < 1 || grace.isNegative()) {
			throw new IllegalArgumentException("tasklens.uploads.min-rate must be positive, grace not negative");
		}
	}
}
