package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import app.tasklens.TestImages;
import app.tasklens.labeling.LabelDetection;
import app.tasklens.labeling.LabelDetector;
import app.tasklens.labeling.LabelingWorker;
import app.tasklens.web.api.ApiClient.User;

/**
 * A node that stops while an image is being labeled hands the job back: after the stop's wait the lease is
 * released (no try used), so a worker on another node claims it at once rather than when the lease runs out.
 * The detector here never finishes, as a long inference on a busy machine.
 */
@ApiIntegrationTest
@TestPropertySource(properties = { "tasklens.labeling.workers=1", "tasklens.labeling.lease=10m" })
@DirtiesContext
class LabelingHandBackTest {

	static final CountDownLatch DETECTING = new CountDownLatch(1);
	static final CountDownLatch NEVER = new CountDownLatch(1);

	@TestConfiguration
	static class EndlessDetector {

		@Bean
		@Primary
		LabelDetector endless() {
			return new LabelDetector() {
				@Override
				public LabelDetection detect(byte[] image, app.tasklens.labeling.DetectOptions options) {
					DETECTING.countDown();
					try {
						NEVER.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					throw new IllegalStateException("stopped");
				}

				@Override
				public String modelVersion() {
					return "endless";
				}
			};
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	LabelingWorker labeling;

	@Autowired
	JdbcClient sql;

	@Test
	void aStoppedNodeHandsBackTheJobItIsLabeling() throws Exception {
		ApiClient api = new ApiClient(port);
		User ann = api.signUp(ApiClient.unique("ann"));
		String task = api.createTask(ann, "Stop me").path("id").asString();
		String attachment = new ImageUploads(api, port).attach(ann, task, "dog.jpg", "image/jpeg",
				TestImages.darknet("dog.jpg")).path("id").asString();
		assertThat(DETECTING.await(60, TimeUnit.SECONDS)).as("the job is being labeled").isTrue();
		assertThat(owner(attachment)).as("leased while labeling").isNotNull();

		long stopped = System.nanoTime();
		((SmartLifecycle) labeling).stop();

		assertThat(Duration.ofNanos(System.nanoTime() - stopped)).as("the stop's wait")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(9));
		assertThat(owner(attachment)).as("the lease is released").isNull();
		assertThat(sql.sql("SELECT attempts FROM labeling_jobs WHERE attachment_id = ?").param(attachment)
			.query(Integer.class).single()).as("no try used").isZero();
		NEVER.countDown();
	}

	private String owner(String attachment) {
		String owner = sql.sql("SELECT COALESCE(lease_owner, '') FROM labeling_jobs WHERE attachment_id = ?")
			.param(attachment).query(String.class).single();
		return owner.isEmpty() ? null : owner;
	}
}
