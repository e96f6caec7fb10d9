package app.tasklens.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import app.tasklens.TestImages;
import app.tasklens.web.api.ApiIntegrationTest;

/**
 * Live labels where no event stream can stay open (on AWS, API Gateway's HTTP APIs end every response):
 * with {@code tasklens.web.live-updates=poll}, as the {@code aws} profile sets it, the page opens no event
 * stream and asks for the cards of images still being labeled, and the labels still appear without a
 * reload. Real Chromium, the real detector.
 */
@ApiIntegrationTest
@TestPropertySource(properties = { "tasklens.web.live-updates=poll", "tasklens.web.poll-interval=400ms" })
class PollingStoryBrowserTest {

	@LocalServerPort
	int port;

	@Test
	void withoutAnEventStreamTheLabelsStillAppearByThemselves() {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port, true)) {
			countEventStreams(browser);
			browser.signUp(SignedInUser.freshUsername(), SignedInUser.PASSWORD);
			String walk = browser.createTask("Walk the dog", "", null);
			browser.markPage();

			browser.uploadImage(walk, TestImages.darknetDir().resolve("dog.jpg"));
			browser.awaitLabels(walk, "Dog");

			assertThat(browser.samePage()).as("labels appeared without a reload").isTrue();
			assertThat(browser.seenImageStatuses()).contains("Detecting labels…");
			assertThat(browser.driver().getCurrentUrl()).as("the page is My Tasks").endsWith("/");
			assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.tasklensEventStreams;"))
				.as("event streams the page opened").isEqualTo(0L);
			assertThat(requestsTo("/card", browser)).as("the card was asked for again while it was labeled")
				.hasSizeGreaterThanOrEqualTo(1);
			assertThat(browser.consoleErrors()).isEmpty();
		}
	}

	/**
	 * From the next page on, every page counts the event streams its scripts open in
	 * {@code window.tasklensEventStreams} (Resource Timing lists a stream only once it ends, which it never does).
	 */
	private static void countEventStreams(BrowserSession browser) {
		((ChromeDriver) browser.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
				window.tasklensEventStreams = 0;
				const Native = window.EventSource;
				window.EventSource = function (url, options) {
				  window.tasklensEventStreams += 1;
				  return new Native(url, options);
				};
				window.EventSource.CLOSED = Native.CLOSED;"""));
	}

	/** The addresses this page fetched (Resource Timing) whose path ends in {@code suffix}. */
	@SuppressWarnings("unchecked")
	private static List<String> requestsTo(String suffix, BrowserSession browser) {
		return (List<String>) ((JavascriptExecutor) browser.driver()).executeScript(
				"return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
						+ ".filter(p => p.endsWith(arguments[0]));", suffix);
	}
}
