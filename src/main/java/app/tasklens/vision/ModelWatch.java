package app.tasklens.vision;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import app.tasklens.labeling.DetectorUnavailableException;
import app.tasklens.labeling.MissingModels;
import app.tasklens.labeling.ModelsMissingException;

/**
 * Loads the models once the server runs, off the start-up path, so that the first upload does not wait
 * for them; while they are missing it says so in {@link MissingModels} (health, the admin page) and looks
 * again every {@link #RECHECK}, so that waiting images are labeled soon after an operator puts the files in
 * place. It stops before the detector closes, and waits for a load under way: a stop during the preload
 * crashed the process in ONNX Runtime's session creation.
 */
@Component
// Only the on-box detector has models to watch.
@ConditionalOnProperty(name = "tasklens.labeling.detector", havingValue = "onbox", matchIfMissing = true)
class ModelWatch implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ModelWatch.class);
	static final Duration RECHECK = Duration.ofSeconds(5);

	private final OnnxLabelDetector detector;
	private final MissingModels missingModels;
	private final VisionSettings settings;
	private final Clock clock;
	private final Object wakeup = new Object();
	private Thread thread;
	private volatile boolean running;

	ModelWatch(OnnxLabelDetector detector, MissingModels missingModels, VisionSettings settings, Clock clock) {
		this.detector = detector;
		this.missingModels = missingModels;
		this.settings = settings;
		this.clock = clock;
	}

	private void watch() {
		boolean reported = false;
		while (running) {
			try {
				detector.load();
				missingModels.present();
				log.info("Label models loaded from {}", settings.modelsDir().toAbsolutePath());
				return;
			}
			catch (ModelsMissingException ex) {
				missingModels.missing(ex.getMessage(), clock.instant());
				if (!reported) {
					log.warn("Labeling is paused until the models are in place: {}", ex.getMessage());
					reported = true;
				}
			}
			catch (DetectorUnavailableException ex) {
				log.warn("Labeling is unavailable: {}", ex.getMessage());
				return;
			}
			synchronized (wakeup) {
				if (running) {
					try {
						wakeup.wait(RECHECK.toMillis());
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}
		}
	}

	@Override
	public synchronized void start() {
		running = true;
		thread = new Thread(this::watch, "model-preload");
		thread.setDaemon(true);
		thread.start();
	}

	/** Waits for a load under way (it cannot be cut short inside ONNX Runtime); the detector closes after this. */
	@Override
	public synchronized void stop() {
		running = false;
		synchronized (wakeup) {
			wakeup.notifyAll();
		}
		try {
			thread.join(Duration.ofMinutes(1).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return running;
	}
}
