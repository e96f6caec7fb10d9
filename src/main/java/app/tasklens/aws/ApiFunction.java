package app.tasklens.aws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.serverless.proxy.model.HttpApiV2ProxyRequest;
import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import app.tasklens.TasklensApplication;

/**
 * The web UI and JSON API on Lambda: the Spring Boot app itself, started once per function instance (during
 * Lambda's init phase, which SnapStart snapshots), serving API Gateway HTTP API (payload 2.0) events through
 * aws-serverless-java-container. Settings come from the environment {@code template.yaml} gives it.
 *
 * <p>Priming: the init phase also sends one request through the whole stack (security filters, MVC, JSON,
 * the store's client), so that the classes a request needs are loaded and initialized before the snapshot,
 * not during a user's first request. {@code TASKLENS_AWS_PRIME=false} turns it off.
 */
public final class ApiFunction implements RequestStreamHandler {

	private static final SpringBootLambdaContainerHandler<HttpApiV2ProxyRequest, AwsProxyResponse> APP = start();

	/** A request that reads and writes nothing: an unauthenticated list of tasks, answered 401 by the app. */
	private static final String PRIMING_EVENT = """
			{"version":"2.0","routeKey":"$default","rawPath":"/api/tasks","rawQueryString":"",
			 "headers":{"accept":"application/json","host":"localhost"},
			 "requestContext":{"http":{"method":"GET","path":"/api/tasks","protocol":"HTTP/1.1","sourceIp":"127.0.0.1",
			   "userAgent":"tasklens-priming"},"requestId":"priming","routeKey":"$default","stage":"$default",
			   "timeEpoch":0},
			 "isBase64Encoded":false}""";

	private static SpringBootLambdaContainerHandler<HttpApiV2ProxyRequest, AwsProxyResponse> start() {
		SpringBootLambdaContainerHandler<HttpApiV2ProxyRequest, AwsProxyResponse> app;
		try {
			app = SpringBootLambdaContainerHandler.getHttpApiV2ProxyHandler(TasklensApplication.class);
		}
		catch (ContainerInitializationException ex) {
			throw new IllegalStateException("Tasklens did not start", ex);
		}
		if (!"false".equalsIgnoreCase(setting("TASKLENS_AWS_PRIME", "tasklens.aws.prime"))) {
			try {
				app.proxyStream(new ByteArrayInputStream(PRIMING_EVENT.getBytes(StandardCharsets.UTF_8)),
						new ByteArrayOutputStream(), null);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return app;
	}

	private static String setting(String environment, String property) {
		String value = System.getenv(environment);
		return value != null ? value : System.getProperty(property, "");
	}

	@Override
	public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
		APP.proxyStream(input, output, context);
	}
}
