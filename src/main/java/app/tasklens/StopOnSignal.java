package app.tasklens;

import java.util.Locale;

import org.springframework.context.ConfigurableApplicationContext;

import sun.misc.Signal;

/**
 * Stops the server on SIGTERM and SIGINT by closing the application context first and exiting after it,
 * instead of leaving it to the JVM's shutdown hooks alone. ONNX Runtime registers a shutdown hook of its own
 * that releases its native environment, and the JVM runs hooks at the same time: on a plain SIGTERM that
 * hook released the environment while Spring's hook was still waiting for the labeling workers, and an
 * inference (or the models' loading) still running crashed the process with SIGSEGV in libonnxruntime.
 * Closed this way, the workers finish, the detector waits for its inferences and loads and closes its
 * sessions, and only then do the hooks run, with nothing of ONNX Runtime still in use.
 */
final class StopOnSignal {

	private StopOnSignal() {
	}

	/** Before the context is refreshed: a signal during start-up waits for it, then closes it. */
	static void install(ConfigurableApplicationContext context) {
		for (String name : new String[] { "TERM", "INT" }) {
			Signal.handle(new Signal(name), signal -> {
				// Not on the signal's own thread: closing takes seconds, and it must not hold up another signal.
				Thread stopper = new Thread(() -> {
					try {
						context.close();
					}
					finally {
						System.exit(128 + signal.getNumber());
					}
				}, "stop-on-" + signal.getName().toLowerCase(Locale.ROOT));
				stopper.start();
			});
		}
	}
}
