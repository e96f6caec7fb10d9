package app.tasklens.web.ui;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * How My Tasks and All images learn that an image was labeled: from the event stream ({@code events}, the default), or,
 * where no stream can stay open (API Gateway's HTTP APIs end every response, so on AWS), by asking for the
 * cards of images still being labeled every {@code pollInterval} ({@code poll}).
 */
@ControllerAdvice(assignableTypes = { TaskPages.class, GalleryPages.class })
// Web slices load controller advice but scan no settings: the advice brings its own.
@EnableConfigurationProperties(LiveUpdates.Settings.class)
class LiveUpdates {

	@ConfigurationProperties("tasklens.web")
	record Settings(@DefaultValue("events") String liveUpdates, @DefaultValue("3s") Duration pollInterval) {

		boolean polls() {
			return "poll".equals(liveUpdates);
		}
	}

	private final Settings settings;

	LiveUpdates(Settings settings) {
		this.settings = settings;
	}

	/** The page's {@code data-poll}: milliseconds between polls, or absent when it follows the event stream. */
	@ModelAttribute("livePoll")
	Long livePoll() {
		return settings.polls() ? settings.pollInterval().toMillis() : null;
	}
}
