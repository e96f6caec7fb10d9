package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import app.tasklens.TestImages;
import app.tasklens.labeling.LabelingWorker;
import app.tasklens.web.api.ApiClient.User;

/**
 * Without worker threads ({@code tasklens.labeling.background=false}, as in a Lambda function), a stored
 * image waits until someone drains the due jobs, and is labeled by that call.
 */
@ApiIntegrationTest
@TestPropertySource(properties = { "tasklens.labeling.background=false",
		"tasklens.vision.models-dir=${tasklens.test.models-dir}", "tasklens.vision.fetch-missing=false" })
class LabelingDrainTest {

	@LocalServerPort
	int port;

	@Autowired
	LabelingWorker labeling;

	@Test
	void aStoredImageIsLabeledByTheDrainNotByThreads() throws Exception {
		ApiClient api = new ApiClient(port);
		ImageUploads uploads = new ImageUploads(api, port);
		User alice = api.signUp("alice-" + System.nanoTime());
		String task = api.createTask(alice, "Walk the dog").path("id").asString();
		String id = uploads.attach(alice, task, "dog.jpg", "image/jpeg", TestImages.darknet("dog.jpg")).path("id")
			.asString();

		assertThat(status(api, alice, task, id)).isEqualTo("UPLOADED");
		assertThat(labeling.isRunning()).isFalse();

		assertThat(labeling.drain(Instant.now().plusSeconds(60))).isEqualTo(1);

		assertThat(status(api, alice, task, id)).isEqualTo("LABELED");
		assertThat(labeling.drain(Instant.now().plusSeconds(60))).isZero();
	}

	private static String status(ApiClient api, User user, String task, String id) {
		return api.get(ImageUploads.path(task, id)).as(user).send().expect(200).json().path("status").asString();
	}
}
