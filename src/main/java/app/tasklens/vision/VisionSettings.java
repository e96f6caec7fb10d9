package app.tasklens.vision;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the on-box detector.
 *
 * @param modelsDir where model files live ({@code TASKLENS_MODELS_DIR}, default {@code <data>/models})
 * @param intraOpThreads ONNX Runtime threads per inference; 1 keeps the cores for concurrent inferences
 * @param concurrentInferences inferences allowed at once; defaults to the number of cores
 * @param fetchMissing download a missing model from its source (checked against its SHA-256) when the
 *        machine has a network
 * @param nativeCacheDir where ONNX Runtime's native libraries are unpacked once and loaded from on every
 *        start (default {@code <data>/.cache}); null leaves ONNX Runtime unpacking them to a temporary
 *        folder at each start, see {@link OnnxRuntimeLibraries}
 */
@ConfigurationProperties("tasklens.vision")
public record VisionSettings(
		Path modelsDir,
		@DefaultValue("1") int intraOpThreads,
		@DefaultValue("0") int concurrentInferences,
		@DefaultValue("true") boolean fetchMissing,
		Path nativeCacheDir) {

	@ConstructorBinding
	public VisionSettings {
		if (concurrentInferences <= 0) {
			concurrentInferences = Runtime.getRuntime().availableProcessors();
		}
		if (intraOpThreads < 1) {
			throw new IllegalArgumentException("tasklens.vision.intra-op-threads must be at least 1");
		}
	}

	/** Settings without a native library cache. */
	public VisionSettings(Path modelsDir, int intraOpThreads, int concurrentInferences, boolean fetchMissing) {
		this(modelsDir, intraOpThreads, concurrentInferences, fetchMissing, null);
	}
}
