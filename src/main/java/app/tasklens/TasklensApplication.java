package app.tasklens;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

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

	/** {@code serve} is the default command; whatever follows it goes to Spring Boot as usual. */
	private static String[] serverArgs(String[] args) {
		if (args.length > 0 && args[0].equals("serve")) {
			return java.util.Arrays.copyOfRange(args, 1, args.length);
		}
		return args;
	}
}
