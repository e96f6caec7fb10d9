package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.tasklens.web.api.ApiIntegrationTest;

/**
 * Tests never reach the network: {@code src/test/resources/config/application.properties} turns model
 * fetching off for every application started from the test class path, so a test whose context lacks a
 * model fails as it would offline instead of downloading it (as several once did on a fresh context).
 */
@ApiIntegrationTest
class TestsStayOfflineTest {

	@Autowired
	VisionSettings vision;

	@Test
	void applicationsStartedByTestsDoNotFetchModels() {
		assertThat(vision.fetchMissing()).isFalse();
	}
}
