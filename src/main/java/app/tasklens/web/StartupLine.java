package app.tasklens.web;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import app.tasklens.NodeRole;
import app.tasklens.vision.Model;
import app.tasklens.vision.ModelFiles;
import app.tasklens.vision.VisionSettings;

/**
 * The one line a person starting the server looks for: where to go, where the data is (absolute, since the
 * default {@code ./data} depends on the folder the server was started in), where the models are and whether
 * labeling can run, or what is missing and how to fix it.
 */
@Component
class StartupLine implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger log = LoggerFactory.getLogger(StartupLine.class);

	private final VisionSettings vision;

	StartupLine(VisionSettings vision) {
		this.vision = vision;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
		String address = environment.getProperty("server.address", "");
		String host = address.isBlank() || address.equals("0.0.0.0") || address.equals("::") ? "localhost" : address;
		Path dataDir = Path.of(environment.getProperty("tasklens.data-dir", "./data"));
		ModelFiles models = new ModelFiles(vision.modelsDir());
		String where = NodeRole.of(environment).servesHttp() ? "http://" + host + ":" + port + "/"
				: "no HTTP port (a labeling worker)";
		log.info(text(where, dataDir, models.directory(), models.absent(), vision.fetchMissing()));
	}

	static String text(String url, Path dataDir, Path modelsDir, List<Model> absent, boolean fetching) {
		String start = "Tasklens is ready at " + url + " | data folder " + dataDir.toAbsolutePath().normalize()
				+ " | models folder " + modelsDir.toAbsolutePath().normalize() + ": ";
		if (absent.isEmpty()) {
			return start + "models ready";
		}
		String files = absent.stream().map(Model::file).collect(Collectors.joining(", "));
		if (fetching) {
			return start + "missing " + files + "; fetching them from their sources now (needs a network), images"
					+ " are labeled once they are in place";
		}
		return start + "missing " + files + "; images cannot be labeled until they are there: copy them into"
				+ " that folder, or start with --models-dir DIR naming a folder that has them (README: Run and test)";
	}
}
