package app.tasklens;

import java.beans.PropertyEditorSupport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.springframework.beans.factory.config.CustomEditorConfigurer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import app.tasklens.cli.Commands;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TasklensApplication {

	public static void main(String[] args) {
		Commands.Invocation invocation = Commands.parse(args);
		if (invocation instanceof Commands.Invocation.Run run) {
			System.exit(run.command().apply(Commands.PrintStreams.system()));
		}
		String[] springArguments = ((Commands.Invocation.Serve) invocation).springArguments();
		SpringApplication application = new SpringApplication(TasklensApplication.class);
		application.addInitializers(StopOnSignal::install);
		StandardEnvironment settings = new StandardEnvironment();
		settings.getPropertySources().addFirst(new SimpleCommandLinePropertySource(springArguments));
		if (!NodeRole.of(settings).servesHttp()) {
			// A worker opens no port; its labeling threads are daemons, so the JVM is kept alive until stopped.
			application.setWebApplicationType(WebApplicationType.NONE);
			application.setKeepAlive(true);
		}
		application.run(springArguments);
	}

	/** The server's clock and time zone; tests replace it to move time. */
	@Bean
	Clock clock() {
		return Clock.systemDefaultZone();
	}

	/**
	 * Settings name folders by plain file paths, relative to the working directory ({@code ../models}
	 * included), not by Spring resource locations.
	 */
	@Bean
	@ConfigurationPropertiesBinding
	static PathSetting pathSetting() {
		return new PathSetting();
	}

	/** The same for {@code @Value}-injected paths, whose default editor also reads resource locations. */
	@Bean
	static CustomEditorConfigurer pathEditor() {
		CustomEditorConfigurer configurer = new CustomEditorConfigurer();
		configurer.setCustomEditors(Map.of(Path.class, PlainPathEditor.class));
		return configurer;
	}

	static final class PathSetting implements Converter<String, Path> {
		@Override
		public Path convert(String text) {
			return Path.of(text);
		}
	}

	static final class PlainPathEditor extends PropertyEditorSupport {
		@Override
		public void setAsText(String text) {
			setValue(Path.of(text));
		}
	}
}
