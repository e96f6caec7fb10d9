package app.tasklens.aws;

import java.time.Duration;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;

import app.tasklens.TasklensApplication;

/**
 * The DetectLabels function of {@code template.yaml}: the app without its web server, started once per
 * function instance, handing each S3 object-created event (and its schedule's empty event) to
 * {@link ObjectCreatedEvents}.
 */
public final class ObjectCreatedFunction implements RequestHandler<S3Event, Void> {

	private static final ConfigurableApplicationContext APP = new SpringApplicationBuilder(TasklensApplication.class)
		.web(WebApplicationType.NONE)
		.run();

	private final ObjectCreatedEvents events = APP.getBean(ObjectCreatedEvents.class);

	@Override
	public Void handleRequest(S3Event event, Context context) {
		events.handle(event, Duration.ofMillis(context == null ? 60_000 : context.getRemainingTimeInMillis()));
		return null;
	}
}
