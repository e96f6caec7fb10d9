package app.tasklens;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import app.tasklens.cli.Commands;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TasklensApplication {

	public static void main(String[] args) {
		if (Commands.handles(args)) {
			System.exit(Commands.run(args));
		}
		SpringApplication.run(TasklensApplication.class, serverArgs(args));
	}

	/** The server's clock and time zone; tests replace it to move time. */
	@Bean
	Clock clock() {
		return Clock.systemDefaultZone();
	}

	/** {@code serve} is the default command; whatever follows it goes to Spring Boot as usual. */
	private static String[] serverArgs(String[] args) {
		if (args.length > 0 && args[0].equals("serve")) {
			return java.util.Arrays.copyOfRange(args, 1, args.length);
		}
		return args;
	}
}
